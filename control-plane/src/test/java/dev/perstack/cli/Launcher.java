package dev.perstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.testsupport.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real {@code ./perstack} launcher as its own process, as a user runs it. */
final class Launcher {
  private static int runs;

  private Launcher() {}

  /** What one command exited with and printed. */
  record Result(int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code perstack args...} in {@code directory} with {@code env} added to this process's
   * environment; its output is kept in files there (named after the run) for post-mortems.
   */
  static Result run(Path directory, Map<String, String> env, String... args) throws Exception {
    return run(directory, env, List.of(), args);
  }

  /** As {@link #run(Path, Map, String...)}, with the variables {@code unset} removed first. */
  static Result run(Path directory, Map<String, String> env, List<String> unset, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(SharedFixtures.projectRoot().resolve("perstack").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    unset.forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    String name = (++runs) + "-" + args[0];
    Path out = directory.resolve("stdout-" + name);
    Path err = directory.resolve("stderr-" + name);
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(600, TimeUnit.SECONDS))
        .as("perstack " + String.join(" ", args) + " finished")
        .isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
