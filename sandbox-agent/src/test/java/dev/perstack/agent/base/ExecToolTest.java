package dev.perstack.agent.base;

import static dev.perstack.agent.base.BaseSkillFixture.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code exec}: runs programs without a shell, confined, with a clean environment and limits. */
class ExecToolTest {
  @TempDir Path tempDir;
  BaseSkillFixture ws;

  @BeforeEach
  void setUp() {
    ws = new BaseSkillFixture(tempDir, BaseSkillLimits.defaults(), Map.of("GRANTED_TOKEN", "t0k"));
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  static ObjectNode exec(String command, List<String> arguments, Object... more) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("command", command);
    call.put("args", arguments);
    call.put("env", Map.of());
    call.put("cwd", ".");
    call.put("stdout", true);
    call.put("stderr", true);
    for (int i = 0; i < more.length; i += 2) {
      call.put((String) more[i], more[i + 1]);
    }
    List<Object> flat = new ArrayList<>();
    call.forEach((k, v) -> flat.addAll(List.of(k, v)));
    return args(flat.toArray());
  }

  String output(ObjectNode call) {
    return ws.json("exec", call).get("output").asText();
  }

  @Nested
  class Running {
    @Test
    void returnsWhatTheProgramPrints() {
      assertThat(output(exec("echo", List.of("hello", "world")))).isEqualTo("hello world\n");
    }

    @Test
    void neverLosesOutputWrittenJustBeforeExit() {
      for (int i = 0; i < 30; i++) {
        assertThat(output(exec("sh", List.of("-c", "echo out" + i + "; echo err" + i + " >&2"))))
            .isEqualTo("out" + i + "\nerr" + i + "\n");
      }
    }

    @Test
    void passesArgumentsWithoutAShell() {
      assertThat(output(exec("echo", List.of("$HOME; touch pwned", "*"))))
          .isEqualTo("$HOME; touch pwned *\n");
      assertThat(ws.root.resolve("pwned")).doesNotExist();
    }

    @Test
    void capturesOnlyTheStreamsAskedFor() {
      List<String> both = List.of("-c", "echo out; echo err >&2");
      assertThat(output(exec("sh", both, "stderr", false))).isEqualTo("out\n");
      assertThat(output(exec("sh", both, "stdout", false))).isEqualTo("err\n");
      assertThat(output(exec("sh", both, "stdout", false, "stderr", false)))
          .isEqualTo("Command executed successfully, but produced no output.");
    }

    @Test
    void runsInTheGivenWorkingDirectory() throws IOException {
      Files.createDirectories(ws.root.resolve("sub/dir"));
      assertThat(output(exec("pwd", List.of(), "cwd", "sub/dir")))
          .isEqualTo(ws.root.resolve("sub/dir") + "\n");
    }

    @Test
    void closesStdinSoReadersEndAtOnce() {
      assertThat(output(exec("cat", List.of(), "timeout", 5000)))
          .isEqualTo("Command executed successfully, but produced no output.");
    }

    @Test
    void nonZeroExitIsAFailureThatCarriesTheOutput() {
      assertThat(ws.error("exec", exec("sh", List.of("-c", "echo partial; echo oops >&2; exit 3"))))
          .startsWith("Command failed with exit code 3: sh -c")
          .contains("stdout:\npartial", "stderr:\noops");
    }

    @Test
    void unknownCommandIsReported() {
      assertThat(ws.error("exec", exec("no-such-program-xyz", List.of())))
          .startsWith("Command not found: no-such-program-xyz");
    }

    @Test
    void missingWorkingDirectoryIsReported() {
      assertThat(ws.error("exec", exec("pwd", List.of(), "cwd", "nope")))
          .isEqualTo("Working directory nope does not exist.");
    }
  }

  @Nested
  class Environment {
    @Test
    void holdsOnlyTheGrantedVariablesAndTheCallsOwn() {
      String env = output(exec("env", List.of(), "env", Map.of("CALL_VAR", "1")));
      assertThat(Arrays.asList(env.split("\n")))
          .containsExactlyInAnyOrder(
              "PATH=" + ExecEnvironment.DEFAULT_PATH,
              "HOME=" + ws.root,
              "GRANTED_TOKEN=t0k",
              "CALL_VAR=1");
    }

    @Test
    void ldPreloadInjectionIsRefusedAndNothingRuns() {
      assertThat(
              ws.error(
                  "exec",
                  exec("touch", List.of("ran"), "env", Map.of("LD_PRELOAD", "/tmp/evil.so"))))
          .isEqualTo(
              "Refused: the environment variable LD_PRELOAD cannot be set through exec, because"
                  + " it controls which programs run or what they load. Remove it from env.");
      assertThat(ws.root.resolve("ran")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "ld_preload",
          "LD_LIBRARY_PATH",
          "LD_AUDIT",
          "DYLD_INSERT_LIBRARIES",
          "PATH",
          "HOME",
          "SHELL",
          "NODE_OPTIONS",
          "PYTHONPATH",
          "PYTHONHOME",
          "PERL5LIB",
          "RUBYLIB",
          "JAVA_TOOL_OPTIONS",
          "BASH_ENV",
          "ENV"
        })
    void protectedNamesAreRefused(String name) {
      assertThat(ws.error("exec", exec("true", List.of(), "env", Map.of(name, "x"))))
          .contains("Refused: the environment variable " + name);
    }

    @Test
    void malformedNamesAreRefused() {
      assertThat(ws.error("exec", exec("true", List.of(), "env", Map.of("A=B", "x"))))
          .contains("Invalid environment variable name");
    }
  }

  @Nested
  class Limits {
    @Test
    void timeoutKillsTheWholeProcessTree() {
      String script = "sleep 100 & echo $$ $!; sh -c 'echo $$; exec sleep 100'";
      String message = ws.error("exec", exec("sh", List.of("-c", script), "timeout", 1000));
      assertThat(message).startsWith("Command timed out after 1000ms");
      List<Long> pids = pids(message);
      assertThat(pids).as("shell, background sleep, foreground sleep").hasSize(3);
      pids.forEach(pid -> assertThat(isGoneSoon(pid)).as("process %d is gone", pid).isTrue());
    }

    @Test
    void backgroundProcessHoldingTheOutputDoesNotHoldTheCall() {
      long start = System.nanoTime();
      String out = output(exec("sh", List.of("-c", "sleep 30 & echo $!"), "timeout", 20_000));
      long pid = Long.parseLong(out.trim());
      // Left running, as a shell would: this test started it, so it ends it.
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void backgroundProcessWithItsOutputElsewhereDoesNotHoldTheCall() {
      long start = System.nanoTime();
      assertThat(output(exec("sh", List.of("-c", "sleep 3 >/dev/null 2>&1 & echo started"))))
          .isEqualTo("started\n");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2500);
    }

    @Test
    void outputIsCappedAndMarkedTruncated() {
      String out =
          output(
              exec("sh", List.of("-c", "head -c 300000 /dev/zero | tr '\\0' a"), "stderr", false));
      int cap = BaseSkillLimits.defaults().execOutputBytes();
      assertThat(out).startsWith("a".repeat(cap) + "\n[output truncated: showing the first " + cap);
      assertThat(out).endsWith("of 300000 bytes]");
    }

    @Test
    void timeoutsOutsideTheAllowedRangeAreRefused() {
      long max = BaseSkillLimits.defaults().execTimeoutMax().toMillis();
      assertThat(ws.error("exec", exec("true", List.of(), "timeout", max + 1)))
          .contains("'timeout' may be at most " + max);
      assertThat(ws.error("exec", exec("true", List.of(), "timeout", -5)))
          .contains("'timeout' must be a positive number");
    }
  }

  private static List<Long> pids(String text) {
    String stdout = text.substring(text.indexOf("stdout:"));
    List<Long> pids = new ArrayList<>();
    Matcher m = Pattern.compile("\\d+").matcher(stdout);
    while (m.find()) {
      pids.add(Long.parseLong(m.group()));
    }
    return pids;
  }

  /** Whether the process is gone (or a zombie no one has reaped yet) within a few seconds. */
  private static boolean isGoneSoon(long pid) {
    for (int i = 0; i < 100; i++) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        char state = stat.charAt(stat.lastIndexOf(')') + 2);
        if (state == 'Z' || state == 'X') {
          return true;
        }
      } catch (IOException e) {
        return true;
      }
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
