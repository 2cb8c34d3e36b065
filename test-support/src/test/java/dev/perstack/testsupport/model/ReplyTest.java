package dev.perstack.testsupport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyTest {

  @Nested
  class Answers {
    @Test
    void aTextAnswerStopsAndReportsTheDefaultUsage() {
      Answer answer = Reply.text("hi");

      assertThat(answer.parts()).containsExactly(new Part.Text("hi"));
      assertThat(answer.finish()).isEqualTo(Finish.STOP);
      assertThat(answer.usage()).isEqualTo(Usage.DEFAULT);
      assertThat(answer.delay()).isZero();
      assertThat(answer.cutAfterChunks()).isEmpty();
    }

    @Test
    void addingAToolCallTurnsAStopIntoToolCalls() {
      Answer answer = Reply.text("Let me look.").withToolCall("id1", "readTextFile", "{}");

      assertThat(answer.finish()).isEqualTo(Finish.TOOL_CALLS);
      assertThat(answer.parts()).hasSize(2).last().isInstanceOf(Part.ToolCall.class);
    }

    @Test
    void addingAToolCallKeepsAFinishSetOnPurpose() {
      Answer answer =
          Reply.text("cut").withFinish(Finish.LENGTH).withToolCall("id1", "readTextFile", "{}");

      assertThat(answer.finish()).isEqualTo(Finish.LENGTH);
    }

    @Test
    void thinkingGoesBeforeOtherPartsAndAfterEarlierThinking() {
      Answer answer = Reply.text("42").withThinking("first").withThinking("second", "sig");

      assertThat(answer.parts())
          .containsExactly(
              new Part.Thinking("first", Part.Thinking.DEFAULT_SIGNATURE),
              new Part.Thinking("second", "sig"),
              new Part.Text("42"));
    }

    @Test
    void withersKeepEverythingElse() {
      Answer answer =
          Reply.text("hi")
              .withUsage(100, 20, 5, 50)
              .delayed(Duration.ofMillis(10))
              .pacedBy(Duration.ofMillis(5))
              .cutAfterChunks(2)
              .withText(" there");

      assertThat(answer.usage()).isEqualTo(new Usage(100, 20, 5, 50, 0));
      assertThat(answer.delay()).isEqualTo(Duration.ofMillis(10));
      assertThat(answer.pacing()).isEqualTo(Duration.ofMillis(5));
      assertThat(answer.cutAfterChunks()).hasValue(2);
      assertThat(answer.parts()).containsExactly(new Part.Text("hi"), new Part.Text(" there"));
    }

    @Test
    void theCutFactoryScriptsATextLongEnoughToCut() {
      Answer answer = Reply.cutAfterChunks(3);

      assertThat(answer.cutAfterChunks()).hasValue(3);
      assertThat(((Part.Text) answer.parts().get(0)).text().split(" ")).hasSizeGreaterThan(5);
    }

    @Test
    void rejectsANegativeCutOrDelay() {
      assertThatThrownBy(() -> Reply.text("x").cutAfterChunks(-1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Reply.text("x").delayed(Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class ToolCalls {
    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "{\"unclosed\":", "", "42"})
    void rejectArgumentsThatAreNotAJsonObject(String arguments) {
      assertThatThrownBy(() -> Reply.toolCall("id1", "readTextFile", arguments))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("JSON object");
    }

    @Test
    void rejectABlankIdOrName() {
      assertThatThrownBy(() -> Reply.toolCall(" ", "readTextFile", "{}"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Reply.toolCall("id1", "", "{}"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Failures {
    @Test
    void defaultMessagesNameTheStatus() {
      assertThat(Reply.error(429).message()).isEqualTo("scripted 429: rate limit exceeded");
      assertThat(Reply.error(418).message()).isEqualTo("scripted 418: HTTP error");
    }

    @Test
    void retryAfterIsAbsentUntilScripted() {
      assertThat(Reply.error(429).retryAfterSeconds()).isEmpty();
      assertThat(Reply.error(429).retryAfterSeconds(2).retryAfterSeconds()).hasValue(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 302, 399, 600})
    void rejectStatusesThatAreNotErrors(int status) {
      assertThatThrownBy(() -> Reply.error(status))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("400-599");
    }
  }

  @Nested
  class Usages {
    @Test
    void deriveEachProvidersCountsFromTheNeutralOnes() {
      Usage usage = new Usage(1200, 300, 100, 1000, 150);

      assertThat(usage.totalTokens()).isEqualTo(1500);
      assertThat(usage.uncachedInputTokens()).isEqualTo(50);
      assertThat(usage.visibleOutputTokens()).isEqualTo(200);
    }

    @Test
    void rejectReasoningBeyondTheOutput() {
      assertThatThrownBy(() -> Usage.of(10, 5, 6, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reasoningTokens");
    }

    @Test
    void rejectCachedTokensBeyondTheInput() {
      assertThatThrownBy(() -> new Usage(10, 5, 0, 8, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cached tokens");
    }

    @Test
    void rejectNegativeCounts() {
      assertThatThrownBy(() -> Usage.of(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
