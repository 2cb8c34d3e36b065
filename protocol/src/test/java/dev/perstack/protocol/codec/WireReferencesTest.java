package dev.perstack.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.Fixtures;
import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.event.ContinueToNextStep;
import dev.perstack.protocol.event.FinishToolCall;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.frame.CheckpointFrame;
import dev.perstack.protocol.frame.EventFrame;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.frame.GenerateFrame;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.ToolMessage;
import dev.perstack.protocol.message.ToolResultPart;
import dev.perstack.protocol.transport.FrameReader;
import dev.perstack.protocol.transport.FrameWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WireReferencesTest {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private static final ObjectMapper PLAIN = new ObjectMapper();

  /** One direction of a connection: what the writer remembers and what the reader remembers. */
  private static final class Direction {
    final WireReferences sent = new WireReferences();
    final WireReferences received = new WireReferences();

    String send(Frame frame) {
      WireReferences.Draft draft = sent.draft();
      byte[] body = CODEC.encodeFrame(frame, draft);
      draft.commit();
      return new String(body, StandardCharsets.UTF_8);
    }

    Frame receive(String body) throws ProtocolException {
      WireReferences.Draft draft = received.draft();
      Frame frame = CODEC.decodeFrame(body.getBytes(StandardCharsets.UTF_8), draft);
      draft.commit();
      return frame;
    }

    /** Sends and receives, checking the receiver gets exactly what was sent. */
    String carry(Frame frame) throws ProtocolException {
      String body = send(frame);
      assertThat(receive(body)).isEqualTo(frame);
      return body;
    }
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static Checkpoint withMessages(Checkpoint base, int step, List<Message> messages) {
    return new Checkpoint(
        "cp-" + step,
        base.jobId(),
        base.runId(),
        base.status(),
        step,
        messages,
        base.expert(),
        base.delegateTo(),
        base.delegatedBy(),
        base.usage(),
        base.contextWindow(),
        base.contextWindowUsage(),
        base.pendingToolCalls(),
        base.partialToolResults(),
        base.metadata(),
        base.error(),
        base.retryCount());
  }

  private static List<Message> growingConversation(int steps) {
    List<Message> messages = new ArrayList<>(Fixtures.conversation().subList(0, 2));
    for (int i = 1; i <= steps; i++) {
      messages.add(
          new ExpertMessage(
              "e-" + i,
              List.of(
                  new ToolCallPart(
                      "p-e" + i, "call-" + i, "readTextFile", Fixtures.object("path", "f.txt"))),
              Optional.empty()));
      messages.add(
          new ToolMessage(
              "t-" + i,
              List.of(
                  new ToolResultPart(
                      "p-t" + i,
                      "call-" + i,
                      "readTextFile",
                      List.of(new TextPart("p-r" + i, "contents of the file, step " + i)),
                      Optional.empty())),
              Optional.empty()));
    }
    return messages;
  }

  private static GenerationRequest request(List<ToolDefinition> tools) {
    return new GenerationRequest(
        Fixtures.EXPERT,
        Fixtures.conversation(),
        tools,
        new ReasoningBudget.Tokens(2048),
        OptionalLong.empty());
  }

  private static List<ToolDefinition> tools(String... names) {
    List<ToolDefinition> tools = new ArrayList<>();
    for (String name : names) {
      tools.add(new ToolDefinition(name, Optional.of("does " + name), Fixtures.schema()));
    }
    return List.copyOf(tools);
  }

  @Nested
  class Messages {
    @Test
    void aMessageTheDirectionAlreadyCarriedIsSentAsAReference() throws Exception {
      Direction link = new Direction();
      String first = link.carry(new CheckpointFrame(Fixtures.checkpoint(1)));
      String second = link.carry(new CheckpointFrame(Fixtures.checkpoint(2)));

      assertThat(first).doesNotContain("messageRef").contains("You are a writer.");
      assertThat(second)
          .contains("\"messages\":[{\"type\":\"messageRef\",\"id\":\"m-4\",\"count\":4}]")
          .doesNotContain("You are a writer.")
          .doesNotContain("# Hello");
    }

    @Test
    void aDirectionsFirstFrameIsExactlyWhatVersion1Writes() throws Exception {
      CheckpointFrame frame = new CheckpointFrame(Fixtures.fullCheckpoint());

      assertThat(new Direction().carry(frame))
          .isEqualTo(new String(CODEC.encodeFrame(frame), StandardCharsets.UTF_8));
    }

    @Test
    void aListThatSkipsOrReordersCarriedMessagesIsWrittenAsSeveralRuns() throws Exception {
      Direction link = new Direction();
      link.carry(new CheckpointFrame(Fixtures.checkpoint(1)));
      List<Message> all = Fixtures.conversation();
      List<Message> skipping = List.of(all.get(0), all.get(1), all.get(3), all.get(2));

      String body =
          link.carry(new CheckpointFrame(withMessages(Fixtures.checkpoint(2), 2, skipping)));

      assertThat(body)
          .contains(
              "[{\"type\":\"messageRef\",\"id\":\"m-2\",\"count\":2},"
                  + "{\"type\":\"messageRef\",\"id\":\"m-4\"},"
                  + "{\"type\":\"messageRef\",\"id\":\"m-3\"}]");
    }

    @Test
    void aMessageCarriedEarlierInTheSameFrameIsReferredToLaterInIt() throws Exception {
      ContinueToNextStep next =
          Fixtures.everyEvent().stream()
              .filter(ContinueToNextStep.class::isInstance)
              .map(ContinueToNextStep.class::cast)
              .findFirst()
              .orElseThrow();
      String body = new Direction().carry(new EventFrame(next));

      // The conversation appears in both checkpoints and the step: written once.
      assertThat(count(body, "You are a writer.")).isEqualTo(1);
      assertThat(body).contains("{\"type\":\"messageRef\",\"id\":\"m-4\",\"count\":4}");
    }

    @Test
    void aGrowingConversationCostsOnlyItsNewMessagesPerFrame() throws Exception {
      Direction link = new Direction();
      Checkpoint base = Fixtures.checkpoint(1);
      int last = 0;
      int lastFull = 0;
      for (int step = 1; step <= 200; step++) {
        CheckpointFrame frame =
            new CheckpointFrame(withMessages(base, step, growingConversation(step)));
        last = link.carry(frame).length();
        lastFull = CODEC.encodeFrame(frame).length;
      }
      assertThat(link.received.messageCount()).isEqualTo(2 + 2 * 200);
      // One reference for the 400 messages before, and the step's two new ones in full.
      assertThat(last).isLessThan(1_200).isLessThan(lastFull / 50);
    }

    @Test
    void aMessageChangedUnderItsIdIsSentInFullAndReplacesTheOneBefore() throws Exception {
      Direction link = new Direction();
      link.carry(new CheckpointFrame(Fixtures.checkpoint(1)));
      ExpertMessage changed =
          new ExpertMessage(
              "m-3", List.of(new TextPart("p-99", "second thoughts")), Optional.empty());
      List<Message> messages = new ArrayList<>(Fixtures.conversation());
      messages.set(2, changed);
      Checkpoint edited = withMessages(Fixtures.checkpoint(2), 2, messages);

      String body = link.carry(new CheckpointFrame(edited));
      String again = link.carry(new CheckpointFrame(withMessages(edited, 3, messages)));

      assertThat(body).contains("second thoughts").contains("\"id\":\"m-2\",\"count\":2}");
      assertThat(again).doesNotContain("second thoughts").contains("\"id\":\"m-4\",\"count\":4}");
    }

    @Test
    void aFrameThatWasNeverWrittenLeavesNothingToReferTo() throws Exception {
      Direction link = new Direction();
      CODEC.encodeFrame(new CheckpointFrame(Fixtures.checkpoint(1)), link.sent.draft());

      String body = link.carry(new CheckpointFrame(Fixtures.checkpoint(2)));

      assertThat(body).doesNotContain("messageRef");
    }

    @Test
    void aFrameThatFailedToDecodeLeavesNothingToReferTo() throws Exception {
      Direction link = new Direction();
      ObjectNode broken =
          (ObjectNode) PLAIN.readTree(link.send(new CheckpointFrame(Fixtures.checkpoint(1))));
      ((ObjectNode) broken.get("checkpoint")).remove("expert");
      assertThatThrownBy(() -> link.receive(broken.toString()))
          .isInstanceOf(ProtocolException.class);

      ProtocolException failure =
          catchThrowableOfType(
              () -> link.receive(link.send(new CheckpointFrame(Fixtures.checkpoint(2)))),
              ProtocolException.class);
      // The sender never knew the reader dropped the frame, so its references dangle: refused.
      assertThat(failure.code()).isEqualTo(ProtocolErrorCode.INVALID_FIELD);
    }
  }

  @Nested
  class Refusals {
    private String checkpointWithFirstMessage(String firstMessageJson) throws Exception {
      ObjectNode frame =
          (ObjectNode)
              PLAIN.readTree(CODEC.encodeFrame(new CheckpointFrame(Fixtures.checkpoint(1))));
      ((com.fasterxml.jackson.databind.node.ArrayNode) frame.get("checkpoint").get("messages"))
          .set(0, PLAIN.readTree(firstMessageJson));
      return frame.toString();
    }

    @Test
    void aReferenceToAMessageNeverCarriedIsAnInvalidFieldThatSaysWhere() throws Exception {
      String body = checkpointWithFirstMessage("{\"type\":\"messageRef\",\"id\":\"m-9\"}");

      ProtocolException failure =
          catchThrowableOfType(() -> new Direction().receive(body), ProtocolException.class);

      assertThat(failure.code()).isEqualTo(ProtocolErrorCode.INVALID_FIELD);
      assertThat(failure.what()).contains("'m-9'").contains("not carried earlier");
      assertThat(failure.where()).hasValue("$.checkpoint.messages[0]");
      assertThat(failure.fix()).contains("in full once");
    }

    @Test
    void aRunLongerThanWasCarriedIsAnInvalidField() throws Exception {
      Direction link = new Direction();
      link.carry(new CheckpointFrame(Fixtures.checkpoint(1)));
      String body =
          checkpointWithFirstMessage("{\"type\":\"messageRef\",\"id\":\"m-3\",\"count\":4}");

      ProtocolException failure =
          catchThrowableOfType(() -> link.receive(body), ProtocolException.class);

      assertThat(failure.code()).isEqualTo(ProtocolErrorCode.INVALID_FIELD);
      assertThat(failure.what()).contains("only 3 were carried together");
      assertThat(failure.where()).hasValue("$.checkpoint.messages[0]");
    }

    @Test
    void aCountThatIsNotAPositiveIntegerIsAnInvalidField() throws Exception {
      Direction link = new Direction();
      link.carry(new CheckpointFrame(Fixtures.checkpoint(1)));
      for (String count : List.of("0", "-2", "1.5", "\"2\"")) {
        String body =
            checkpointWithFirstMessage(
                "{\"type\":\"messageRef\",\"id\":\"m-3\",\"count\":" + count + "}");

        ProtocolException failure =
            catchThrowableOfType(() -> link.receive(body), ProtocolException.class);

        assertThat(failure.code()).as(count).isEqualTo(ProtocolErrorCode.INVALID_FIELD);
      }
    }

    @Test
    void aReferenceWithoutAnIdIsAMissingField() throws Exception {
      String body = checkpointWithFirstMessage("{\"type\":\"messageRef\"}");

      ProtocolException failure =
          catchThrowableOfType(() -> new Direction().receive(body), ProtocolException.class);

      assertThat(failure.code()).isEqualTo(ProtocolErrorCode.MISSING_FIELD);
      assertThat(failure.where()).hasValue("$.checkpoint.messages[0]");
    }

    @Test
    void aReferenceToAMessageOfAKindNotAllowedThereIsAnUnknownType() throws Exception {
      Direction link = new Direction();
      link.carry(new CheckpointFrame(Fixtures.checkpoint(1)));
      PerstackEvent finish =
          new FinishToolCall(
              "e-1",
              Fixtures.EXPERT,
              Fixtures.T,
              Fixtures.JOB,
              Fixtures.RUN,
              2,
              List.of(Fixtures.tool()));
      ObjectNode frame = (ObjectNode) PLAIN.readTree(CODEC.encodeFrame(new EventFrame(finish)));
      ((com.fasterxml.jackson.databind.node.ArrayNode) frame.get("event").get("newMessages"))
          .set(0, PLAIN.readTree("{\"type\":\"messageRef\",\"id\":\"m-3\"}"));

      ProtocolException failure =
          catchThrowableOfType(() -> link.receive(frame.toString()), ProtocolException.class);

      assertThat(failure.code()).isEqualTo(ProtocolErrorCode.UNKNOWN_TYPE);
      assertThat(failure.what()).contains("expertMessage");
      assertThat(failure.where()).hasValue("$.event.newMessages[0]");
    }

    @Test
    void withoutReferencesAMessageRefIsAnUnknownTypeAsInVersion1() throws Exception {
      Direction link = new Direction();
      String body = link.send(new CheckpointFrame(Fixtures.checkpoint(1)));
      String referring = link.send(new CheckpointFrame(Fixtures.checkpoint(2)));
      CODEC.decodeFrame(body.getBytes(StandardCharsets.UTF_8));

      ProtocolException failure =
          catchThrowableOfType(
              () -> CODEC.decodeFrame(referring.getBytes(StandardCharsets.UTF_8)),
              ProtocolException.class);

      assertThat(failure.code()).isEqualTo(ProtocolErrorCode.UNKNOWN_TYPE);
      assertThat(failure.what()).contains("messageRef");
    }

    @Test
    void referencesNeverCrossDirections() throws Exception {
      Direction agentToControlPlane = new Direction();
      Direction controlPlaneToAgent = new Direction();
      agentToControlPlane.carry(new CheckpointFrame(Fixtures.checkpoint(1)));

      String body = controlPlaneToAgent.send(new CheckpointFrame(Fixtures.checkpoint(2)));

      assertThat(body).doesNotContain("messageRef");
    }
  }

  @Nested
  class ToolSets {
    @Test
    void theSameToolsAgainAreNamedByTheirSet() throws Exception {
      Direction link = new Direction();
      List<ToolDefinition> tools = tools("readTextFile", "writeTextFile");

      String first = link.carry(new GenerateFrame("g-1", request(tools)));
      String second =
          link.carry(new GenerateFrame("g-2", request(tools("readTextFile", "writeTextFile"))));

      assertThat(PLAIN.readTree(first).get("request").get("toolSet").asText()).isEqualTo("t1");
      assertThat(PLAIN.readTree(first).get("request").has("tools")).isTrue();
      assertThat(PLAIN.readTree(second).get("request").get("toolSet").asText()).isEqualTo("t1");
      assertThat(PLAIN.readTree(second).get("request").has("tools")).isFalse();
    }

    @Test
    void otherToolsGetASetOfTheirOwn() throws Exception {
      Direction link = new Direction();
      link.carry(new GenerateFrame("g-1", request(tools("a"))));
      String other = link.carry(new GenerateFrame("g-2", request(tools("a", "b"))));
      String firstAgain = link.carry(new GenerateFrame("g-3", request(tools("a"))));

      assertThat(PLAIN.readTree(other).get("request").get("toolSet").asText()).isEqualTo("t2");
      assertThat(PLAIN.readTree(other).get("request").has("tools")).isTrue();
      assertThat(PLAIN.readTree(firstAgain).get("request").get("toolSet").asText()).isEqualTo("t1");
    }

    @Test
    void aToolLessRequestNamesNoSet() throws Exception {
      String body = new Direction().carry(new GenerateFrame("g-1", request(List.of())));

      assertThat(PLAIN.readTree(body).get("request").has("toolSet")).isFalse();
      assertThat(PLAIN.readTree(body).get("request").get("tools").size()).isZero();
    }

    @Test
    void aSetNeverCarriedIsAnInvalidFieldThatSaysWhere() throws Exception {
      ObjectNode frame =
          (ObjectNode)
              PLAIN.readTree(CODEC.encodeFrame(new GenerateFrame("g-1", request(tools("a")))));
      ObjectNode request = (ObjectNode) frame.get("request");
      request.remove("tools");
      request.put("toolSet", "t7");

      ProtocolException failure =
          catchThrowableOfType(
              () -> new Direction().receive(frame.toString()), ProtocolException.class);

      assertThat(failure.code()).isEqualTo(ProtocolErrorCode.INVALID_FIELD);
      assertThat(failure.what()).contains("'t7'");
      assertThat(failure.where()).hasValue("$.request.toolSet");
    }

    @Test
    void withoutReferencesTheRequestIsWrittenAsInVersion1() throws Exception {
      String body =
          new String(
              CODEC.encodeFrame(new GenerateFrame("g-1", request(tools("a")))),
              StandardCharsets.UTF_8);

      assertThat(PLAIN.readTree(body).get("request").has("toolSet")).isFalse();
    }
  }

  @Nested
  class OverAStream {
    @Test
    void aWriterAndReaderWithReferencesOnCarryEveryFrameWhole() throws Exception {
      ByteArrayOutputStream wire = new ByteArrayOutputStream();
      FrameWriter writer = FrameWriter.of(wire, CODEC, 1 << 20);
      writer.useReferences();
      List<Frame> frames = new ArrayList<>();
      for (int step = 1; step <= 5; step++) {
        frames.add(
            new CheckpointFrame(
                withMessages(Fixtures.checkpoint(1), step, growingConversation(step))));
        frames.add(new GenerateFrame("g-" + step, request(tools("a", "b"))));
      }
      for (Frame frame : frames) {
        writer.write(frame);
      }
      FrameReader reader =
          FrameReader.of(new ByteArrayInputStream(wire.toByteArray()), CODEC, 1 << 20);
      reader.useReferences();
      List<Frame> read = new ArrayList<>();
      for (Optional<Frame> next = reader.read(); next.isPresent(); next = reader.read()) {
        read.add(next.get());
      }

      assertThat(read).isEqualTo(frames);
    }

    @Test
    void encodingTwoFramesBeforeWritingEitherIsRefused() throws Exception {
      FrameWriter writer = FrameWriter.of(new ByteArrayOutputStream(), CODEC, 1 << 20);
      writer.useReferences();
      FrameWriter.Encoded first = writer.encode(new CheckpointFrame(Fixtures.checkpoint(1)));
      FrameWriter.Encoded second = writer.encode(new CheckpointFrame(Fixtures.checkpoint(2)));
      writer.writeEncoded(second);

      assertThatThrownBy(() -> writer.writeEncoded(first))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("before encoding the next one");
    }
  }
}
