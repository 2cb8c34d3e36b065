package dev.perstack.controlplane.store;

import dev.perstack.protocol.message.Message;
import java.util.List;

/**
 * A conversation as stored: its messages, their JSON and their sequence numbers in the job's
 * message log, first to last. Messages read back from the database are not decoded: {@code
 * messages} is then empty.
 */
record Conversation(
    String jobId,
    List<String> ids,
    List<? extends Message> messages,
    List<String> bodies,
    long[] seqs) {

  /** The sequence number of its last message; 0 when it is empty. */
  long last() {
    return seqs.length == 0 ? 0 : seqs[seqs.length - 1];
  }

  int size() {
    return seqs.length;
  }
}
