package dev.perstack.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.protocol.Fixtures;
import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.event.ExpertStateEvent;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.event.RunEvent;
import dev.perstack.protocol.event.RuntimeEvent;
import dev.perstack.protocol.event.StreamingEvent;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private static final ObjectMapper PLAIN = new ObjectMapper();

  static Stream<PerstackEvent> everyEvent() {
    return Fixtures.everyEvent().stream();
  }

  @Nested
  class TypeNames {
    @Test
    void stateEventsAreTheSeventeenOfTheReference() {
      assertThat(CODEC.typeNames(ExpertStateEvent.class))
          .containsExactly(
              "startRun",
              "startGeneration",
              "retry",
              "callTools",
              "callInteractiveTool",
              "callDelegate",
              "resolveToolResults",
              "attemptCompletion",
              "finishToolCall",
              "resumeToolCalls",
              "finishAllToolCalls",
              "continueToNextStep",
              "stopRunByInteractiveTool",
              "stopRunByDelegate",
              "stopRunByExceededMaxSteps",
              "stopRunByError",
              "completeRun");
    }

    @Test
    void streamingEventsAreTheSixOfTheReference() {
      assertThat(CODEC.typeNames(StreamingEvent.class))
          .containsExactly(
              "startStreamingReasoning",
              "streamReasoning",
              "completeStreamingReasoning",
              "startStreamingRunResult",
              "streamRunResult",
              "completeStreamingRunResult");
    }

    @Test
    void runtimeEventsAreTheEightOfTheReference() {
      assertThat(CODEC.typeNames(RuntimeEvent.class))
          .containsExactly(
              "initializeRuntime",
              "skillStarting",
              "skillConnected",
              "skillStderr",
              "skillDisconnected",
              "dockerBuildProgress",
              "dockerContainerStatus",
              "proxyAccess");
    }

    @Test
    void theFixturesCoverEveryEventType() {
      assertThat(everyEvent().map(PerstackEvent::type))
          .containsExactlyInAnyOrderElementsOf(CODEC.typeNames(PerstackEvent.class));
    }
  }

  @Nested
  class RoundTrip {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perstack.protocol.codec.EventCodecTest#everyEvent")
    void decodingTheEncodedEventGivesItBack(PerstackEvent event) throws Exception {
      String line = CODEC.encodeEvent(event);

      assertThat(CODEC.decodeEvent(line)).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perstack.protocol.codec.EventCodecTest#everyEvent")
    void anEventIsOneLineWithTypeAndBaseFieldsAtTheTop(PerstackEvent event) throws Exception {
      String line = CODEC.encodeEvent(event);
      JsonNode json = PLAIN.readTree(line);

      assertThat(line).doesNotContain("\n");
      assertThat(json.fieldNames().next()).isEqualTo("type");
      assertThat(json.get("type").asText()).isEqualTo(event.type());
      assertThat(json.get("id").asText()).isEqualTo(event.id());
      assertThat(json.get("timestamp").asLong()).isEqualTo(event.timestamp());
      assertThat(json.get("jobId").asText()).isEqualTo(event.jobId());
      assertThat(json.get("runId").asText()).isEqualTo(event.runId());
      if (event instanceof RunEvent run) {
        assertThat(json.get("expertKey").asText()).isEqualTo(run.expertKey());
        assertThat(json.get("stepNumber").asInt()).isEqualTo(run.stepNumber());
      } else {
        assertThat(json.has("expertKey")).isFalse();
        assertThat(json.has("stepNumber")).isFalse();
      }
    }

    @Test
    void absentOptionalFieldsAreLeftOutNotNull() throws Exception {
      PerstackEvent status =
          everyEvent().filter(e -> e.type().equals("dockerContainerStatus")).findFirst().get();

      JsonNode json = PLAIN.readTree(CODEC.encodeEvent(status));

      assertThat(json.has("message")).isFalse();
      assertThat(json.toString()).doesNotContain("null");
    }
  }

  @Nested
  class OriginalOutput {
    @Test
    void aCallToolsLineOfPerstackRunDecodesToCallTools() throws Exception {
      String line = Lines.CALL_TOOLS;

      var event = (dev.perstack.protocol.event.CallTools) CODEC.decodeEvent(line);

      assertThat(event.expertKey()).isEqualTo("@acme/reviewer@1.2.0");
      assertThat(event.stepNumber()).isEqualTo(3);
      assertThat(event.timestamp()).isEqualTo(1735689600123L);
      assertThat(event.newMessage().contents()).hasSize(3);
      assertThat(event.toolCalls())
          .singleElement()
          .satisfies(
              call -> {
                assertThat(call.skillName()).isEqualTo("@perstack/base");
                assertThat(call.args().get("path").asText()).isEqualTo("src/main.ts");
              });
      assertThat(event.usage().cachedInputTokens()).isEqualTo(1024);
    }

    @Test
    void aCompleteRunLineWithAFullCheckpointDecodesToCompleteRun() throws Exception {
      var event = (dev.perstack.protocol.event.CompleteRun) CODEC.decodeEvent(Lines.COMPLETE_RUN);

      assertThat(event.text()).isEqualTo("The code looks good.");
      assertThat(event.checkpoint().status().toString()).isEqualTo("completed");
      assertThat(event.checkpoint().metadata().get().get("runtime").asText()).isEqualTo("local");
      assertThat(event.checkpoint().contextWindowUsage().getAsDouble()).isEqualTo(0.0125);
      assertThat(event.step().finishedAt().getAsLong()).isEqualTo(1735689601000L);
      assertThat(event.checkpoint().messages())
          .extracting("type")
          .containsExactly("instructionMessage", "userMessage", "expertMessage");
    }

    @Test
    void anInitializeRuntimeLineWithoutOptionalFieldsDecodes() throws Exception {
      var event =
          (dev.perstack.protocol.event.InitializeRuntime)
              CODEC.decodeEvent(Lines.INITIALIZE_RUNTIME);

      assertThat(event.runtime()).isEmpty();
      assertThat(event.maxSteps()).isEmpty();
      assertThat(event.query()).contains("Review src/main.ts");
      assertThat(event.experts()).containsExactly("@acme/reviewer@1.2.0");
    }

    @Test
    void typeMayComeLastAndNullMeansAbsentForOptionalFields() throws Exception {
      String line =
          "{\"id\":\"e1\",\"timestamp\":1,\"jobId\":\"j\",\"runId\":\"r\","
              + "\"runtimeVersion\":\"1\",\"runtime\":null,\"expertName\":\"x\","
              + "\"experts\":[],\"model\":\"m\",\"maxSteps\":null,\"maxRetries\":0,"
              + "\"timeout\":0,\"type\":\"initializeRuntime\"}";

      var event = (dev.perstack.protocol.event.InitializeRuntime) CODEC.decodeEvent(line);

      assertThat(event.runtime()).isEmpty();
      assertThat(event.maxSteps()).isEmpty();
    }

    @Test
    void fieldsTheCodecDoesNotKnowAreIgnored() throws Exception {
      String line =
          "{\"type\":\"skillDisconnected\",\"id\":\"e1\",\"timestamp\":1,\"jobId\":\"j\","
              + "\"runId\":\"r\",\"skillName\":\"github\",\"addedInAFutureVersion\":{\"x\":1}}";

      assertThat(CODEC.decodeEvent(line).type()).isEqualTo("skillDisconnected");
    }
  }

  @Nested
  class Failures {
    @Test
    void anUnknownTypeIsUnknownTypeListingTheKnownOnes() {
      ProtocolException e = failure(Lines.base("startDancing", "\"stepNumber\":1"));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.UNKNOWN_TYPE);
      assertThat(e.what()).contains("startDancing");
      assertThat(e.fix()).contains("startRun", "proxyAccess");
    }

    @Test
    void aMissingTypeIsAMissingField() {
      ProtocolException e =
          failure("{\"id\":\"e1\",\"timestamp\":1,\"jobId\":\"j\",\"runId\":\"r\"}");

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.MISSING_FIELD);
      assertThat(e.what()).contains("'type'");
    }

    @Test
    void aMissingBaseFieldIsNamed() {
      ProtocolException e = failure(Lines.base("streamReasoning", "\"delta\":\"x\""));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.MISSING_FIELD);
      assertThat(e.what()).contains("'stepNumber'");
      assertThat(e.where()).contains("$.stepNumber");
    }

    @Test
    void aMissingNestedFieldIsNamedWithItsPath() {
      String line = Lines.CALL_TOOLS.replace("\"totalTokens\":1500,", "");

      ProtocolException e = failure(line);

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.MISSING_FIELD);
      assertThat(e.where()).contains("$.usage.totalTokens");
    }

    @Test
    void aFieldOfTheWrongJsonTypeIsInvalid() {
      ProtocolException e =
          failure(Lines.base("streamReasoning", "\"stepNumber\":\"three\",\"delta\":\"x\""));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.INVALID_FIELD);
      assertThat(e.where()).contains("$.stepNumber");
    }

    @Test
    void aFractionalStepNumberIsInvalid() {
      ProtocolException e =
          failure(Lines.base("streamReasoning", "\"stepNumber\":1.5,\"delta\":\"x\""));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.INVALID_FIELD);
    }

    @Test
    void aNullRequiredFieldIsInvalidAndNamed() {
      ProtocolException e =
          failure(Lines.base("streamReasoning", "\"stepNumber\":1,\"delta\":null"));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.INVALID_FIELD);
      assertThat(e.what()).contains("delta");
    }

    @Test
    void aPartNotAllowedInAUserMessageIsRefused() {
      String line =
          Lines.base(
              "finishToolCall",
              "\"stepNumber\":1,\"newMessages\":[{\"type\":\"userMessage\",\"id\":\"m\","
                  + "\"contents\":[{\"type\":\"thinkingPart\",\"id\":\"p\",\"thinking\":\"x\"}]}]");

      ProtocolException e = failure(line);

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.UNKNOWN_TYPE);
      assertThat(e.where()).contains("$.newMessages[0].contents[0]");
      assertThat(e.fix()).contains("textPart").doesNotContain("thinkingPart");
    }

    @Test
    void anInstructionMessageAmongNewMessagesIsInvalid() {
      String line =
          Lines.base(
              "finishToolCall",
              "\"stepNumber\":1,\"newMessages\":[{\"type\":\"instructionMessage\",\"id\":\"m\","
                  + "\"contents\":[]}]");

      ProtocolException e = failure(line);

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.INVALID_FIELD);
      assertThat(e.what()).contains("newMessages[0] is an instructionMessage");
    }

    @Test
    void textThatIsNotJsonIsMalformed() {
      ProtocolException e = failure("{\"type\":\"startRun\",");

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.MALFORMED);
      assertThat(e.where()).hasValueSatisfying(w -> assertThat(w).startsWith("line 1"));
    }

    @Test
    void twoObjectsOnOneLineAreMalformed() {
      String one = Lines.base("skillDisconnected", "\"skillName\":\"s\"");

      assertThat(failure(one + one).code()).isEqualTo(ProtocolErrorCode.MALFORMED);
    }

    @Test
    void jsonNullIsMalformed() {
      assertThat(failure("null").code()).isEqualTo(ProtocolErrorCode.MALFORMED);
    }
  }

  static ProtocolException failure(String line) {
    Throwable thrown = catchThrowable(() -> CODEC.decodeEvent(line));
    assertThat(thrown).isInstanceOf(ProtocolException.class);
    return (ProtocolException) thrown;
  }
}
