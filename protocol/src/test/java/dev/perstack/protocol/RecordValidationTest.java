package dev.perstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.job.BaseSkillSpec;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.job.InteractiveToolAnswer;
import dev.perstack.protocol.job.JobLimits;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.job.McpSseSkillSpec;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import dev.perstack.protocol.message.ImageUrlPart;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.Usage;
import dev.perstack.protocol.message.UserMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RecordValidationTest {

  @Nested
  class Messages {
    @Test
    void anEmptyIdIsRefusedWithTheFieldsName() {
      assertThatThrownBy(() -> new TextPart("", "hi")).hasMessageContaining("id must not be empty");
    }

    @Test
    void anImageUrlMustBeAbsolute() {
      assertThatThrownBy(() -> new ImageUrlPart("p", "images/a.png", "image/png"))
          .hasMessageContaining("url must be an absolute URL");
    }

    @Test
    void toolCallArgumentsAreCopiedSoTheCallerCannotChangeTheRecord() {
      var args = Fixtures.object("path", "a.md");
      ToolCall call = new ToolCall("c", "s", "t", args);

      args.put("path", "b.md");

      assertThat(call.args().get("path").asText()).isEqualTo("a.md");
    }

    @Test
    void changingTheReturnedArgumentsDoesNotChangeTheRecord() {
      ToolCall call = new ToolCall("c", "s", "t", Fixtures.object("path", "a.md"));

      call.args().put("path", "b.md");

      assertThat(call.args().get("path").asText()).isEqualTo("a.md");
    }

    @Test
    void contentListsAreImmutableCopies() {
      List<dev.perstack.protocol.message.UserContent> contents =
          new ArrayList<>(List.of(new TextPart("p", "hi")));
      UserMessage message = new UserMessage("m", contents, Optional.empty());

      contents.clear();

      assertThat(message.contents()).hasSize(1);
      assertThatThrownBy(() -> message.contents().clear())
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNullElementIsNamedByItsIndex() {
      assertThatThrownBy(
              () ->
                  new UserMessage(
                      "m", Arrays.asList(new TextPart("p", "hi"), null), Optional.empty()))
          .hasMessageContaining("contents[1] is required");
    }

    @Test
    void negativeTokenCountsAreRefusedAndUsageAdds() {
      assertThatThrownBy(() -> new Usage(-1, 0, 0, 0, 0))
          .hasMessageContaining("inputTokens must not be negative");
      assertThat(Fixtures.usage().plus(Usage.ZERO).plus(Fixtures.usage()).totalTokens())
          .isEqualTo(300);
    }
  }

  @Nested
  class Generation {
    @Test
    void toolsMustHaveDistinctNames() {
      ToolDefinition tool = new ToolDefinition("readTextFile", Optional.empty(), Fixtures.schema());

      assertThatThrownBy(
              () ->
                  new GenerationRequest(
                      Fixtures.EXPERT,
                      Fixtures.conversation(),
                      List.of(tool, tool),
                      ReasoningBudget.DEFAULT,
                      OptionalLong.empty()))
          .hasMessageContaining("distinct names");
    }

    @Test
    void aRequestNeedsMessagesAndAPositiveTokenCap() {
      assertThatThrownBy(
              () ->
                  new GenerationRequest(
                      Fixtures.EXPERT,
                      List.of(),
                      List.of(),
                      ReasoningBudget.DEFAULT,
                      OptionalLong.empty()))
          .hasMessageContaining("messages must not be empty");
      assertThatThrownBy(
              () ->
                  new GenerationRequest(
                      Fixtures.EXPERT,
                      Fixtures.conversation(),
                      List.of(),
                      ReasoningBudget.DEFAULT,
                      OptionalLong.of(0)))
          .hasMessageContaining("maxTokens must be at least 1");
    }

    @Test
    void reasoningLevelsAreReadFromTheirWords() {
      assertThat(ReasoningBudget.LevelName.fromWord("none").word()).isEqualTo("none");
      assertThat(new ReasoningBudget.Level(ReasoningBudget.LevelName.NONE).disabled()).isTrue();
      assertThatThrownBy(() -> ReasoningBudget.LevelName.fromWord("LOW"))
          .hasMessageContaining("was LOW");
    }
  }

  @Nested
  class Jobs {
    JobSpec withExperts(Map<String, ExpertSpec> experts, String key) {
      return new JobSpec(
          Fixtures.JOB,
          Optional.empty(),
          key,
          experts,
          "m",
          ReasoningBudget.DEFAULT,
          Optional.of("q"),
          Optional.empty(),
          Optional.empty(),
          JobLimits.DEFAULT,
          Map.of());
    }

    @Test
    void theExpertToRunMustBeInTheSpec() {
      Map<String, ExpertSpec> experts = Map.of("a", Fixtures.expertSpec("a", List.of()));

      assertThatThrownBy(() -> withExperts(experts, "b"))
          .hasMessageContaining("expertKey b is not among the experts");
    }

    @Test
    void everyDelegateMustBeInTheSpec() {
      Map<String, ExpertSpec> experts = Map.of("a", Fixtures.expertSpec("a", List.of("ghost")));

      assertThatThrownBy(() -> withExperts(experts, "a"))
          .hasMessageContaining("delegates to ghost, which the job spec lacks");
    }

    @Test
    void anInteractiveAnswerNeedsTheCheckpointItAnswers() {
      JobSpec spec = Fixtures.jobSpec();

      assertThatThrownBy(
              () ->
                  new JobSpec(
                      spec.jobId(),
                      spec.runId(),
                      spec.expertKey(),
                      spec.experts(),
                      spec.model(),
                      spec.reasoningBudget(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.of(new InteractiveToolAnswer("c", "askUser", "ask", "yes")),
                      spec.limits(),
                      spec.env()))
          .hasMessageContaining("needs the checkpoint");
    }

    @Test
    void aJobNeedsAQueryOrAnAnswer() {
      JobSpec spec = Fixtures.jobSpec();

      assertThatThrownBy(
              () ->
                  new JobSpec(
                      spec.jobId(),
                      spec.runId(),
                      spec.expertKey(),
                      spec.experts(),
                      spec.model(),
                      spec.reasoningBudget(),
                      Optional.empty(),
                      spec.checkpoint(),
                      Optional.empty(),
                      spec.limits(),
                      spec.env()))
          .hasMessageContaining("a query or an interactive tool answer");
    }

    @Test
    void aCheckpointOfAnotherJobCannotBeResumed() {
      JobSpec spec = Fixtures.jobSpec();
      var foreign = Fixtures.checkpoint(1, CheckpointStatus.STOPPED_BY_INTERACTIVE_TOOL);

      assertThatThrownBy(
              () ->
                  new JobSpec(
                      "job-2",
                      spec.runId(),
                      spec.expertKey(),
                      spec.experts(),
                      spec.model(),
                      spec.reasoningBudget(),
                      spec.query(),
                      Optional.of(foreign),
                      Optional.empty(),
                      spec.limits(),
                      spec.env()))
          .hasMessageContaining("belongs to job job-1, not job-2");
    }

    @Test
    void anExpertWithoutTheBaseSkillIsRefused() {
      ExpertSpec expert = Fixtures.expertSpec("a", List.of());
      var skills = new LinkedHashMap<>(expert.skills());
      skills.remove(BaseSkillSpec.NAME);

      assertThatThrownBy(
              () ->
                  new ExpertSpec(
                      "a",
                      "a",
                      "1.0.0",
                      Optional.empty(),
                      "i",
                      skills,
                      List.of(),
                      List.of(),
                      List.of()))
          .hasMessageContaining("must have the base skill");
    }

    @Test
    void aStdioSkillNeedsExactlyOneOfPackageNameOrArgs() {
      assertThatThrownBy(
              () ->
                  new McpStdioSkillSpec(
                      "s",
                      Optional.empty(),
                      Optional.empty(),
                      List.of(),
                      List.of(),
                      "npx",
                      Optional.of("pkg"),
                      List.of("x"),
                      List.of(),
                      List.of(),
                      false))
          .hasMessageContaining("exactly one of packageName or a non-empty args");
    }

    @Test
    void anSseSkillNeedsHttps() {
      assertThatThrownBy(
              () ->
                  new McpSseSkillSpec(
                      "s",
                      Optional.empty(),
                      Optional.empty(),
                      List.of(),
                      List.of(),
                      "http://mcp.example.com",
                      List.of()))
          .hasMessageContaining("must be https");
    }

    @Test
    void skillFiltersOmitFirstThenPick() {
      BaseSkillSpec base = Fixtures.expertSpec("a", List.of()).baseSkill();

      assertThat(base.exposes("exec")).isFalse();
      assertThat(base.exposes("readTextFile")).isTrue();
    }

    @Test
    void limitsNeedAtLeastOneStep() {
      assertThatThrownBy(() -> new JobLimits(0, 5, 1000))
          .hasMessageContaining("maxSteps must be at least 1");
    }
  }
}
