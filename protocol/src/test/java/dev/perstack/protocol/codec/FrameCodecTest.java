package dev.perstack.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.protocol.Fixtures;
import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.frame.CancelFrame;
import dev.perstack.protocol.frame.CheckpointFrame;
import dev.perstack.protocol.frame.CloseFrame;
import dev.perstack.protocol.frame.EventFrame;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.frame.GenerateFrame;
import dev.perstack.protocol.frame.GenerationDeltaFrame;
import dev.perstack.protocol.frame.GenerationErrorFrame;
import dev.perstack.protocol.frame.GenerationResultFrame;
import dev.perstack.protocol.frame.HeartbeatFrame;
import dev.perstack.protocol.frame.HelloFrame;
import dev.perstack.protocol.frame.RefusedFrame;
import dev.perstack.protocol.frame.WelcomeFrame;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.MessagePart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FrameCodecTest {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private static final ObjectMapper PLAIN = new ObjectMapper();

  static Stream<Frame> everyFrame() {
    return Stream.of(
        new HelloFrame(1, "x".repeat(43)),
        new WelcomeFrame(1, 4 * 1024 * 1024, Fixtures.jobSpec()),
        new RefusedFrame(ProtocolErrorCode.BAD_TOKEN, "the job token does not match this job"),
        new EventFrame(Fixtures.everyEvent().get(0)),
        new EventFrame(Fixtures.everyEvent().get(30)),
        new CheckpointFrame(Fixtures.fullCheckpoint()),
        new GenerateFrame("g-1", Fixtures.generationRequest()),
        new GenerationDeltaFrame("g-1", Fixtures.delta("Hel")),
        new GenerationResultFrame("g-1", Fixtures.generationResponse()),
        new GenerationErrorFrame(
            "g-1", new RunError("APICallError", "overloaded", OptionalInt.of(529), true)),
        new HeartbeatFrame(Fixtures.T),
        new CancelFrame("the user pressed stop"),
        new CloseFrame("completed"));
  }

  static Stream<MessagePart> everyPart() {
    return Fixtures.everyPart().stream();
  }

  @Nested
  class Frames {
    @Test
    void theFixturesCoverEveryFrameType() {
      assertThat(everyFrame().map(Frame::type).distinct())
          .containsExactlyInAnyOrderElementsOf(CODEC.typeNames(Frame.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perstack.protocol.codec.FrameCodecTest#everyFrame")
    void decodingTheEncodedFrameGivesItBack(Frame frame) throws Exception {
      assertThat(CODEC.decodeFrame(CODEC.encodeFrame(frame))).isEqualTo(frame);
    }

    @Test
    void anEventFrameCarriesTheEventInItsPerstackShape() throws Exception {
      EventFrame frame = new EventFrame(Fixtures.everyEvent().get(3));

      JsonNode json = PLAIN.readTree(CODEC.encodeFrame(frame));

      assertThat(json.get("type").asText()).isEqualTo("event");
      assertThat(json.get("event")).isEqualTo(PLAIN.readTree(CODEC.encodeEvent(frame.event())));
    }

    @Test
    void aFrameWithAnUnknownTypeIsUnknownType() {
      ProtocolException e = frameFailure("{\"type\":\"shutdownHost\"}");

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.UNKNOWN_TYPE);
      assertThat(e.fix()).contains("hello", "generationResult", "close");
    }

    @Test
    void bytesThatAreNotUtf8AreMalformed() {
      byte[] body = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

      assertThat(frameFailure(body).code()).isEqualTo(ProtocolErrorCode.MALFORMED);
    }

    @Test
    void helloNeverShowsItsTokenInText() {
      HelloFrame hello = new HelloFrame(1, "secret-token-secret-token-secret-token");

      assertThat(hello.toString()).doesNotContain("secret");
    }

    @Test
    void aRefusalBecomesAnExceptionWithTheSameCode() {
      RefusedFrame refused = new RefusedFrame(ProtocolErrorCode.VERSION_MISMATCH, "speaks 1 only");

      assertThat(refused.toException().code()).isEqualTo(ProtocolErrorCode.VERSION_MISMATCH);
      assertThat(refused.toException().what()).contains("speaks 1 only");
    }
  }

  @Nested
  class JobSpecs {
    @Test
    void aJobSpecNeverShowsEnvValuesInText() {
      JobSpec spec = Fixtures.jobSpec();

      assertThat(spec.toString()).contains("GH_TOKEN").doesNotContain("ghp_secret");
    }

    @Test
    void skillsAreDiscriminatedByType() throws Exception {
      JsonNode skills =
          PLAIN.readTree(CODEC.encode(Fixtures.jobSpec())).at("/experts/writer@1.0.0/skills");

      assertThat(skills.findValuesAsText("type"))
          .containsExactly("baseSkill", "mcpStdioSkill", "mcpSseSkill", "interactiveSkill");
    }

    @Test
    void aNamedReasoningBudgetIsAStringAndACountIsANumber() throws Exception {
      assertThat(CODEC.encode(new ReasoningBudget.Level(ReasoningBudget.LevelName.HIGH)))
          .isEqualTo("\"high\"");
      assertThat(CODEC.encode(new ReasoningBudget.Tokens(2048))).isEqualTo("2048");
      assertThat(CODEC.decode("\"minimal\"", ReasoningBudget.class))
          .isEqualTo(new ReasoningBudget.Level(ReasoningBudget.LevelName.MINIMAL));
      assertThat(CODEC.decode("0", ReasoningBudget.class).disabled()).isTrue();
    }

    @Test
    void anUnknownReasoningLevelIsInvalid() {
      Throwable thrown = catchThrowable(() -> CODEC.decode("\"extreme\"", ReasoningBudget.class));

      assertThat(thrown)
          .isInstanceOfSatisfying(
              ProtocolException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ProtocolErrorCode.INVALID_FIELD);
                assertThat(e.what()).contains("extreme");
              });
    }
  }

  @Nested
  class Checkpoints {
    @Test
    void aCheckpointWithEveryOptionalFieldRoundTrips() throws Exception {
      Checkpoint full = Fixtures.fullCheckpoint();

      assertThat(CODEC.decode(CODEC.encode(full), Checkpoint.class)).isEqualTo(full);
    }

    @Test
    void aCheckpointWithOnlyRequiredFieldsLeavesTheRestOut() throws Exception {
      JsonNode json = PLAIN.readTree(CODEC.encode(Fixtures.checkpoint(1)));

      assertThat(json.fieldNames())
          .toIterable()
          .containsExactly(
              "id", "jobId", "runId", "status", "stepNumber", "messages", "expert", "usage");
    }

    @Test
    void metadataThatIsNotAnObjectIsInvalid() throws Exception {
      String json = CODEC.encode(Fixtures.checkpoint(1)).replaceFirst("\\}$", ",\"metadata\":[1]}");

      Throwable thrown = catchThrowable(() -> CODEC.decode(json, Checkpoint.class));

      assertThat(thrown)
          .isInstanceOfSatisfying(
              ProtocolException.class,
              e -> assertThat(e.code()).isEqualTo(ProtocolErrorCode.INVALID_FIELD));
    }
  }

  @Nested
  class Messages {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perstack.protocol.codec.FrameCodecTest#everyPart")
    void everyPartRoundTripsWithItsType(MessagePart part) throws Exception {
      String json = CODEC.encode(part);

      assertThat(PLAIN.readTree(json).get("type").asText()).isEqualTo(part.type());
      assertThat(CODEC.decode(json, MessagePart.class)).isEqualTo(part);
    }

    @Test
    void theFixturesCoverEveryPartType() {
      assertThat(everyPart().map(MessagePart::type))
          .containsExactlyInAnyOrderElementsOf(CODEC.typeNames(MessagePart.class));
    }

    @Test
    void everyMessageRoundTrips() throws Exception {
      for (Message message : Fixtures.conversation()) {
        assertThat(CODEC.decode(CODEC.encode(message), Message.class)).isEqualTo(message);
      }
      assertThat(CODEC.typeNames(Message.class))
          .containsExactlyInAnyOrder(
              "instructionMessage", "userMessage", "expertMessage", "toolMessage");
    }

    @Test
    void toolCallArgumentsMayBeAnyJsonButToolCallsNeedAnObject() throws Exception {
      String part =
          "{\"type\":\"toolCallPart\",\"id\":\"p\",\"toolCallId\":\"c\",\"toolName\":\"t\","
              + "\"args\":[1,null]}";
      String call = "{\"id\":\"c\",\"skillName\":\"s\",\"toolName\":\"t\",\"args\":[1]}";

      assertThat(CODEC.decode(part, MessagePart.class).type()).isEqualTo("toolCallPart");
      Throwable thrown =
          catchThrowable(() -> CODEC.decode(call, dev.perstack.protocol.message.ToolCall.class));
      assertThat(thrown)
          .isInstanceOfSatisfying(
              ProtocolException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ProtocolErrorCode.INVALID_FIELD);
                assertThat(e.where()).contains("$.args");
              });
    }
  }

  static ProtocolException frameFailure(String body) {
    return frameFailure(body.getBytes(StandardCharsets.UTF_8));
  }

  static ProtocolException frameFailure(byte[] body) {
    Throwable thrown = catchThrowable(() -> CODEC.decodeFrame(body));
    assertThat(thrown).isInstanceOf(ProtocolException.class);
    return (ProtocolException) thrown;
  }

  @Test
  void everyRecordListedByTheCodecIsDistinctlyNamed() {
    List<String> names = CODEC.typeNames(Object.class);

    assertThat(names).doesNotHaveDuplicates().hasSize(31 + 12 + 10 + 4 + 4);
  }
}
