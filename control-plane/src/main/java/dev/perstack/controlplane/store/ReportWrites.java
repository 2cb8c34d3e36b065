package dev.perstack.controlplane.store;

import dev.perstack.controlplane.jobs.JobReport;
import dev.perstack.controlplane.jobs.ModelExchange;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.store.LogWrites.Counters;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.codec.JsonWithoutConversations;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.message.Message;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes one job's reports inside one transaction, on its connection: the job's counters are locked
 * once per transaction, events get their sequence numbers, and every conversation an event,
 * checkpoint or exchange carries goes to the message log, where only its new messages are added.
 */
final class ReportWrites {
  private final ProtocolCodec codec;
  private final CheckpointJson checkpointJson;
  private final MessageLog messageLog;
  private final Clock clock;

  ReportWrites(ProtocolCodec codec, MessageLog messageLog, Clock clock) {
    this.codec = codec;
    this.checkpointJson = new CheckpointJson(codec);
    this.messageLog = messageLog;
    this.clock = clock;
  }

  /**
   * Writes one report, after those written before in the same transaction.
   *
   * @param counters the job's counters, locked by {@link LogWrites#lock} in this transaction
   * @param uncommitted receives the conversations stored, to remember once the transaction commits
   * @return the stored event, if the report is one
   */
  Optional<StoredEvent> write(
      Connection c, Counters counters, JobReport report, List<Conversation> uncommitted)
      throws SQLException {
    if (report instanceof JobReport.EventReport e) {
      return Optional.of(event(c, counters, e.event(), uncommitted));
    } else if (report instanceof JobReport.CheckpointReport p) {
      checkpoint(c, counters, p.checkpoint(), uncommitted);
    } else if (report instanceof JobReport.ExchangeReport x) {
      exchange(c, counters, x.exchange(), uncommitted);
    }
    return Optional.empty();
  }

  private StoredEvent event(
      Connection c, Counters counters, PerstackEvent event, List<Conversation> uncommitted)
      throws SQLException {
    String jobId = counters.jobId;
    EncodedEvent encoded =
        EncodedEvent.of(
            codec, event, conversation -> messageLog.encode(jobId, conversation, uncommitted));
    long seq = ++counters.lastEvent;
    String body;
    String refs = null;
    if (encoded.compacted().isEmpty()) {
      body = encoded.json().text();
    } else {
      List<EventBodies.Cut> cuts = encoded.compacted().get().cuts();
      List<EventBodies.Ref> stored = new ArrayList<>(cuts.size());
      for (int i = 0; i < cuts.size(); i++) {
        Conversation conversation =
            messageLog.store(
                c, counters, encoded.conversations().get(i), cuts.get(i).messages(), uncommitted);
        stored.add(
            new EventBodies.Ref(cuts.get(i).offset(), conversation.last(), conversation.size()));
      }
      body = encoded.compacted().get().body();
      refs = EventBodies.format(stored);
    }
    LogWrites.insertEvent(
        c, jobId, seq, event.id(), event.type(), event.runId(), event.timestamp(), body, refs);
    return new StoredEvent(jobId, seq, event.type(), event.timestamp(), encoded.json());
  }

  private void checkpoint(
      Connection c, Counters counters, Checkpoint checkpoint, List<Conversation> uncommitted)
      throws SQLException {
    String jobId = counters.jobId;
    List<String> bodies = messageLog.encode(jobId, checkpoint.messages(), uncommitted);
    Conversation conversation =
        messageLog.store(c, counters, checkpoint.messages(), bodies, uncommitted);
    LogWrites.insertCheckpoint(
        c,
        new StoredCheckpoint(
            jobId,
            checkpoint.id(),
            ++counters.lastCheckpoint,
            checkpoint.runId(),
            checkpoint.expert().key(),
            checkpoint.stepNumber(),
            checkpoint.status().toString(),
            bodies.size(),
            conversation.last(),
            clock.millis(),
            checkpointJson.header(checkpoint)));
  }

  private void exchange(
      Connection c, Counters counters, ModelExchange exchange, List<Conversation> uncommitted)
      throws SQLException {
    JsonWithoutConversations request = codec.encodeRequestWithoutConversations(exchange.request());
    if (request.offsets().size() != 1) {
      // Not the one conversation a request has: keep it whole (always right).
      LogWrites.insertExchange(c, exchange, codec.encode(exchange.request()), null);
      return;
    }
    List<Message> messages = exchange.request().messages();
    List<String> bodies = messageLog.encode(counters.jobId, messages, uncommitted);
    Conversation conversation = messageLog.store(c, counters, messages, bodies, uncommitted);
    String refs =
        EventBodies.format(
            List.of(
                new EventBodies.Ref(
                    request.offsets().get(0), conversation.last(), conversation.size())));
    LogWrites.insertExchange(c, exchange, request.body(), refs);
  }
}
