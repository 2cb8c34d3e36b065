package dev.perstack.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CommandPipelineTest {
  private static CommandPipeline.Step step(String script, List<String> stderr) {
    return new CommandPipeline.Step(List.of("/bin/sh", "-c", script), stderr::add);
  }

  @Nested
  class Pipes {
    @Test
    void connectStdoutToStdinAndKeepTheLastStdout() throws Exception {
      List<String> lines = new ArrayList<>();

      CommandPipeline.Outcome outcome =
          CommandPipeline.run(
              List.of(step("printf 'a\\nb\\nc\\n'", lines), step("wc -l", lines)),
              Duration.ofSeconds(10));

      assertThat(outcome.exitCodes()).containsExactly(0, 0);
      assertThat(outcome.stdout().strip()).isEqualTo("3");
      assertThat(outcome.firstFailure()).isEqualTo(-1);
    }

    @Test
    void streamEachStderrLineAndKeepTheLastOnesOfAFailure() throws Exception {
      List<String> lines = new ArrayList<>();

      CommandPipeline.Outcome outcome =
          CommandPipeline.run(
              List.of(
                  step("for i in $(seq 1 40); do echo line$i >&2; done; exit 3", lines),
                  step("cat >/dev/null", new ArrayList<>())),
              Duration.ofSeconds(10));

      assertThat(lines).hasSize(40);
      assertThat(outcome.firstFailure()).isZero();
      assertThat(outcome.exitCodes().get(0)).isEqualTo(3);
      assertThat(outcome.stderrTails().get(0)).hasSize(30).endsWith("line40");
    }
  }

  @Nested
  class Failures {
    @Test
    void aPipelinePastItsTimeIsKilled() {
      long start = System.nanoTime();

      assertThatThrownBy(
              () ->
                  CommandPipeline.run(
                      List.of(step("echo started >&2; sleep 30", new ArrayList<>())),
                      Duration.ofMillis(500)))
          .isInstanceOfSatisfying(
              CommandPipeline.TimedOut.class,
              e -> assertThat(e.stderrTails().get(0)).startsWith("started"));
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void aMissingProgramCannotStart() {
      assertThatThrownBy(
              () ->
                  CommandPipeline.run(
                      List.of(new CommandPipeline.Step(List.of("no-such-program-here"), l -> {})),
                      Duration.ofSeconds(5)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("no-such-program-here");
    }
  }

  @Test
  void commandLinesAreShownAsAShellWouldNeedThem() {
    assertThat(ShellWords.join(List.of("mmdebstrap", "--setup-hook=mkdir -p \"$1/x\"", "it's")))
        .isEqualTo("mmdebstrap '--setup-hook=mkdir -p \"$1/x\"' 'it'\"'\"'s'");
  }
}
