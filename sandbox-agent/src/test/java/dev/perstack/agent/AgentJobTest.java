package dev.perstack.agent;

import static dev.perstack.agent.ScriptedModel.call;
import static dev.perstack.agent.ScriptedModel.failure;
import static dev.perstack.agent.ScriptedModel.text;
import static dev.perstack.agent.ScriptedModel.thinkingThenText;
import static dev.perstack.agent.ScriptedModel.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.event.CompleteRun;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.event.ResolveToolResults;
import dev.perstack.protocol.event.RunEvent;
import dev.perstack.protocol.event.StartRun;
import dev.perstack.protocol.event.StopRunByError;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.job.InteractiveToolAnswer;
import dev.perstack.protocol.job.JobLimits;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent end to end over a real Unix socket: a fake control plane sends the job spec and answers
 * generations from a script; the event sequences are the golden ones of Perstack's loop.
 */
class AgentJobTest {
  @TempDir Path socketDir;
  @TempDir Path workspace;

  private Result run(JobSpec spec, ScriptedModel model) throws Exception {
    try (FakeControlPlane controlPlane = new FakeControlPlane(socketDir, spec, model)) {
      AgentExit exit =
          AgentMain.run(
              Map.of(
                  "PERSTACK_SOCKET", controlPlane.address().getPath().toString(),
                  "PERSTACK_JOB_TOKEN", controlPlane.token(),
                  "PERSTACK_WORKSPACE", workspace.toString(),
                  "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
      String closeReason = controlPlane.awaitClose(Duration.ofSeconds(10)).orElse("");
      return new Result(
          exit, closeReason, controlPlane.events(), controlPlane.checkpoints(), model);
    }
  }

  record Result(
      AgentExit exit,
      String closeReason,
      List<PerstackEvent> events,
      List<Checkpoint> checkpoints,
      ScriptedModel model) {
    List<String> types() {
      return events.stream().map(PerstackEvent::type).toList();
    }

    <T> T last(Class<T> type) {
      return events.stream()
          .filter(type::isInstance)
          .map(type::cast)
          .reduce((a, b) -> b)
          .orElseThrow();
    }

    List<String> typesOf(String expertKey) {
      return events.stream()
          .filter(e -> e instanceof RunEvent r && r.expertKey().equals(expertKey))
          .map(PerstackEvent::type)
          .toList();
    }
  }

  @Nested
  class Completion {
    @Test
    void textWithoutToolCallsCompletesTheRun() throws Exception {
      Result result =
          run(
              Jobs.job("hello", "Say hi", Jobs.LIMITS, Jobs.expert("hello", List.of())),
              new ScriptedModel().then("hello", text("Hi there!")));

      assertThat(result.exit()).isEqualTo(AgentExit.COMPLETED);
      assertThat(result.types())
          .containsExactly("initializeRuntime", "startRun", "startGeneration", "completeRun");
      assertThat(result.last(CompleteRun.class).text()).isEqualTo("Hi there!");
      assertThat(result.checkpoints())
          .singleElement()
          .satisfies(c -> assertThat(c.status()).isEqualTo(CheckpointStatus.COMPLETED));
      assertThat(result.closeReason()).isEqualTo("completed");
    }

    @Test
    void attemptCompletionLeadsToAStreamedFinalResultWithoutTools() throws Exception {
      ScriptedModel model =
          new ScriptedModel()
              .then(
                  "writer",
                  toolCalls(call("writeTextFile", "{\"path\":\"note.txt\",\"text\":\"hello\"}")))
              .then("writer", toolCalls(call("attemptCompletion", "{}")))
              .then("writer", thinkingThenText("All done, I think.", "I wrote note.txt."));

      Result result =
          run(
              Jobs.job("writer", "Write a note", Jobs.LIMITS, Jobs.expert("writer", List.of())),
              model);

      assertThat(result.exit()).isEqualTo(AgentExit.COMPLETED);
      assertThat(result.types())
          .containsExactly(
              "initializeRuntime",
              "startRun",
              "startGeneration",
              "callTools",
              "resolveToolResults",
              "finishToolCall",
              "continueToNextStep",
              "startGeneration",
              "callTools",
              "attemptCompletion",
              "startStreamingReasoning",
              "streamReasoning",
              "completeStreamingReasoning",
              "startStreamingRunResult",
              "streamRunResult",
              "completeStreamingRunResult",
              "completeRun");
      assertThat(Files.readString(workspace.resolve("note.txt"))).isEqualTo("hello");
      assertThat(model.requests().get(2).tools()).as("the final generation has no tools").isEmpty();
      assertThat(model.requests().get(0).tools())
          .extracting(t -> t.name())
          .contains("attemptCompletion", "exec", "readTextFile");
      assertThat(result.checkpoints()).extracting(Checkpoint::stepNumber).containsExactly(1, 2);
    }

    @Test
    void openTodosKeepTheLoopGoing() throws Exception {
      ScriptedModel model =
          new ScriptedModel()
              .then("a", toolCalls(call("todo", "{\"newTodos\":[\"write the report\"]}")))
              .then("a", toolCalls(call("attemptCompletion", "{}")))
              .then("a", text("Sorry, there is still a todo."));

      Result result = run(Jobs.job("a", "Work", Jobs.LIMITS, Jobs.expert("a", List.of())), model);

      assertThat(result.types()).doesNotContain("attemptCompletion");
      assertThat(result.types())
          .containsSubsequence(
              "callTools",
              "resolveToolResults",
              "finishToolCall",
              "continueToNextStep",
              "startGeneration",
              "completeRun");
      ToolMessage answered =
          (ToolMessage)
              model.requests().get(2).messages().get(model.requests().get(2).messages().size() - 1);
      assertThat(((TextPart) answered.contents().get(0).contents().get(0)).text())
          .contains("remainingTodos", "write the report");
    }
  }

  @Nested
  class Tools {
    @Test
    void runsSeveralToolCallsOfOneStepAndAnswersThemTogether() throws Exception {
      Files.writeString(workspace.resolve("a.txt"), "A");
      ScriptedModel model =
          new ScriptedModel()
              .then(
                  "a",
                  toolCalls(
                      call("readTextFile", "{\"path\":\"a.txt\"}"),
                      call("listDirectory", "{\"path\":\".\"}")))
              .then("a", text("Read it."));

      Result result =
          run(Jobs.job("a", "Look around", Jobs.LIMITS, Jobs.expert("a", List.of())), model);

      ResolveToolResults resolved = result.last(ResolveToolResults.class);
      assertThat(resolved.toolResults()).hasSize(2);
      assertThat(resolved.toolResults().get(0).result().toString()).contains("A");
    }

    @Test
    void aFailingToolBecomesAnErrorResultAndTheRunGoesOn() throws Exception {
      ScriptedModel model =
          new ScriptedModel()
              .then(
                  "a",
                  toolCalls(
                      call("readTextFile", "{\"path\":\"../../etc/passwd\"}"),
                      call("noSuchTool", "{}")))
              .then("a", text("Could not."));

      Result result = run(Jobs.job("a", "Read", Jobs.LIMITS, Jobs.expert("a", List.of())), model);

      assertThat(result.exit()).isEqualTo(AgentExit.COMPLETED);
      assertThat(result.last(ResolveToolResults.class).toolResults())
          .allSatisfy(
              r ->
                  assertThat(((TextPart) r.result().get(0)).text())
                      .startsWith("Error calling tool "));
    }
  }

  @Nested
  class Failures {
    @Test
    void aRetryableErrorIsRetriedInANewStep() throws Exception {
      ScriptedModel model =
          new ScriptedModel()
              .then("a", failure("RateLimitError", true))
              .then("a", text("Now it works."));

      Result result = run(Jobs.job("a", "Go", Jobs.LIMITS, Jobs.expert("a", List.of())), model);

      assertThat(result.exit()).isEqualTo(AgentExit.COMPLETED);
      assertThat(result.types())
          .containsExactly(
              "initializeRuntime",
              "startRun",
              "startGeneration",
              "retry",
              "continueToNextStep",
              "startGeneration",
              "completeRun");
      assertThat(result.last(CompleteRun.class).checkpoint().retryCount()).hasValue(0);
    }

    @Test
    void anEmptyAnswerCountsAsARetry() throws Exception {
      ScriptedModel model =
          new ScriptedModel().then("a", ScriptedModel.empty()).then("a", text("ok"));

      assertThat(run(Jobs.job("a", "Go", Jobs.LIMITS, Jobs.expert("a", List.of())), model).types())
          .containsSubsequence("retry", "continueToNextStep", "completeRun");
    }

    @Test
    void retriesPastMaxRetriesStopTheRunByError() throws Exception {
      ScriptedModel model =
          new ScriptedModel()
              .then("a", failure("ServerError", true))
              .then("a", failure("ServerError", true))
              .then("a", failure("ServerError", true));

      Result result =
          run(
              Jobs.job("a", "Go", new JobLimits(20, 2, 10_000), Jobs.expert("a", List.of())),
              model);

      assertThat(result.exit()).isEqualTo(AgentExit.STOPPED_BY_ERROR);
      assertThat(result.types())
          .containsExactly(
              "initializeRuntime",
              "startRun",
              "startGeneration",
              "retry",
              "continueToNextStep",
              "startGeneration",
              "retry",
              "continueToNextStep",
              "startGeneration",
              "stopRunByError");
      assertThat(result.last(StopRunByError.class).error().message())
          .startsWith("Max retries (2) exceeded");
    }

    @Test
    void aNonRetryableErrorStopsAtOnce() throws Exception {
      Result result =
          run(
              Jobs.job("a", "Go", Jobs.LIMITS, Jobs.expert("a", List.of())),
              new ScriptedModel().then("a", failure("AuthenticationError", false)));

      assertThat(result.exit()).isEqualTo(AgentExit.STOPPED_BY_ERROR);
      assertThat(result.last(StopRunByError.class).error().name()).isEqualTo("AuthenticationError");
      assertThat(result.checkpoints())
          .singleElement()
          .satisfies(c -> assertThat(c.error()).isPresent());
    }

    @RepeatedTest(20)
    void aControlPlaneThatHangsUpMidGenerationEndsTheAgentAsConnectionLost() throws Exception {
      Result result =
          run(
              Jobs.job("a", "Go", Jobs.LIMITS, Jobs.expert("a", List.of())),
              new ScriptedModel().then("a", new ScriptedModel.HangUp()));

      assertThat(result.exit())
          .as("nobody is left to hear a stopped-by-error outcome")
          .isEqualTo(AgentExit.CONNECTION_LOST);
    }

    @Test
    void aGenerationThatNeverAnswersTimesOutAndIsRetried() throws Exception {
      ScriptedModel model =
          new ScriptedModel()
              .then("a", new ScriptedModel.Silence())
              .then("a", text("late but fine"));

      Result result =
          run(Jobs.job("a", "Go", new JobLimits(20, 2, 300), Jobs.expert("a", List.of())), model);

      assertThat(result.exit()).isEqualTo(AgentExit.COMPLETED);
      assertThat(result.events())
          .filteredOn(e -> e.type().equals("retry"))
          .singleElement()
          .satisfies(e -> assertThat(e.toString()).contains("TimeoutError"));
    }

    @Test
    void maxStepsStopsTheJob() throws Exception {
      ScriptedModel model =
          new ScriptedModel()
              .then("a", toolCalls(call("listDirectory", "{\"path\":\".\"}")))
              .then("a", toolCalls(call("listDirectory", "{\"path\":\".\"}")));

      Result result =
          run(
              Jobs.job("a", "Loop", new JobLimits(2, 2, 10_000), Jobs.expert("a", List.of())),
              model);

      assertThat(result.exit()).isEqualTo(AgentExit.STOPPED_BY_MAX_STEPS);
      assertThat(result.types()).endsWith("finishToolCall", "stopRunByExceededMaxSteps");
      assertThat(result.checkpoints()).extracting(Checkpoint::stepNumber).containsExactly(1, 2);
    }

    @Test
    void toolCallsCutByTheLengthLimitAreRetried() throws Exception {
      ScriptedModel model =
          new ScriptedModel()
              .then(
                  "a",
                  ScriptedModel.toolCallsFinishing(
                      FinishReason.LENGTH, call("listDirectory", "{\"path\":\".\"}")))
              .then("a", text("ok"));

      assertThat(run(Jobs.job("a", "Go", Jobs.LIMITS, Jobs.expert("a", List.of())), model).types())
          .containsSubsequence(
              "startGeneration", "retry", "continueToNextStep", "startGeneration", "completeRun");
    }
  }

  @Nested
  class Delegation {
    @Test
    void aDelegateRunsWithAFreshContextAndItsTextReturnsAsTheToolResult() throws Exception {
      ScriptedModel model =
          new ScriptedModel()
              .then("lead", toolCalls(call("helper", "{\"query\":\"Find the answer\"}")))
              .then("helper", text("The answer is 42."))
              .then("lead", text("The helper says 42."));

      Result result =
          run(
              Jobs.job(
                  "lead",
                  "Ask the helper",
                  Jobs.LIMITS,
                  Jobs.expert("lead", List.of("helper")),
                  Jobs.expert("helper", List.of())),
              model);

      assertThat(result.exit()).isEqualTo(AgentExit.COMPLETED);
      assertThat(result.types())
          .containsExactly(
              "initializeRuntime",
              "startRun",
              "startGeneration",
              "callTools",
              "callDelegate",
              "stopRunByDelegate",
              "startRun",
              "startGeneration",
              "completeRun",
              "startRun",
              "finishAllToolCalls",
              "continueToNextStep",
              "startGeneration",
              "completeRun");
      var helperRequest = model.requests().get(1);
      assertThat(helperRequest.expertKey()).isEqualTo("helper");
      assertThat(helperRequest.messages()).hasSize(2).as("instruction and the query only");
      assertThat(helperRequest.messages().get(1).toString()).contains("Find the answer");
      var leadResumed = model.requests().get(2);
      assertThat(leadResumed.messages().get(leadResumed.messages().size() - 1).toString())
          .contains("The answer is 42.");
      StartRun helperStart =
          result.events().stream()
              .filter(StartRun.class::isInstance)
              .map(StartRun.class::cast)
              .filter(s -> s.expertKey().equals("helper"))
              .findFirst()
              .orElseThrow();
      assertThat(helperStart.initialCheckpoint().delegatedBy()).isPresent();
      assertThat(helperStart.stepNumber()).isEqualTo(1);
      assertThat(result.last(CompleteRun.class).checkpoint().usage().totalTokens())
          .as("usage aggregates over the lead's and the helper's generations")
          .isEqualTo(45);
    }

    @Test
    void severalDelegatesInOneStepRunConcurrently() throws Exception {
      ScriptedModel model =
          new ScriptedModel()
              .then(
                  "lead",
                  toolCalls(call("left", "{\"query\":\"L\"}"), call("right", "{\"query\":\"R\"}")))
              .then("left", text("left done"))
              .then("right", text("right done"))
              .then("lead", text("both done"));

      Result result =
          run(
              Jobs.job(
                  "lead",
                  "Split",
                  Jobs.LIMITS,
                  Jobs.expert("lead", List.of("left", "right")),
                  Jobs.expert("left", List.of()),
                  Jobs.expert("right", List.of())),
              model);

      assertThat(result.exit()).isEqualTo(AgentExit.COMPLETED);
      assertThat(result.typesOf("left"))
          .containsExactly("startRun", "startGeneration", "completeRun");
      assertThat(result.typesOf("right"))
          .containsExactly("startRun", "startGeneration", "completeRun");
      var resumed = model.requests().get(3);
      String toolMessage = resumed.messages().get(resumed.messages().size() - 1).toString();
      assertThat(toolMessage).contains("left done", "right done");
    }

    @Test
    void delegatedRunsGetNoInteractiveTools() throws Exception {
      ScriptedModel model =
          new ScriptedModel()
              .then("lead", toolCalls(call("helper", "{\"query\":\"go\"}")))
              .then("helper", text("done"))
              .then("lead", text("ok"));

      run(
          Jobs.job(
              "lead",
              "Go",
              Jobs.LIMITS,
              Jobs.expert("lead", List.of("helper")),
              Jobs.expert("helper", List.of(), Jobs.human("askHuman"))),
          model);

      assertThat(model.requests().get(1).tools())
          .extracting(t -> t.name())
          .doesNotContain("askHuman");
    }
  }

  @Nested
  class InteractiveTools {
    @Test
    void anInteractiveToolStopsTheRunAndTheAnswerResumesIt() throws Exception {
      JobSpec first =
          Jobs.job(
              "lead",
              "Ask me",
              Jobs.LIMITS,
              Jobs.expert("lead", List.of(), Jobs.human("askHuman")));
      ScriptedModel model =
          new ScriptedModel()
              .then("lead", toolCalls(call("askHuman", "{\"question\":\"Which color?\"}")));

      Result stopped = run(first, model);

      assertThat(stopped.exit()).isEqualTo(AgentExit.STOPPED_BY_INTERACTIVE_TOOL);
      assertThat(stopped.types())
          .endsWith("callTools", "callInteractiveTool", "stopRunByInteractiveTool");
      Checkpoint checkpoint = stopped.checkpoints().get(stopped.checkpoints().size() - 1);
      ToolCall pending = checkpoint.pendingToolCalls().orElseThrow().get(0);
      assertThat(pending.toolName()).isEqualTo("askHuman");

      ScriptedModel resumedModel = new ScriptedModel().then("lead", text("Blue it is."));
      Result resumed =
          run(
              Jobs.answer(
                  first,
                  checkpoint,
                  new InteractiveToolAnswer(
                      pending.id(), pending.toolName(), pending.skillName(), "Blue")),
              resumedModel);

      assertThat(resumed.exit()).isEqualTo(AgentExit.COMPLETED);
      assertThat(resumed.types())
          .containsExactly(
              "initializeRuntime",
              "startRun",
              "finishAllToolCalls",
              "continueToNextStep",
              "startGeneration",
              "completeRun");
      var request = resumedModel.requests().get(0);
      assertThat(request.messages().get(request.messages().size() - 1).toString()).contains("Blue");
      assertThat(resumed.last(CompleteRun.class).stepNumber()).isEqualTo(2);
    }
  }
}
