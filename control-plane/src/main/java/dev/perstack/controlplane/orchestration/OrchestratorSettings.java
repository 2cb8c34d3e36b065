package dev.perstack.controlplane.orchestration;

import java.time.Duration;

/**
 * Timeouts and grace periods of job execution.
 *
 * @param connectTimeout how long a started sandbox has to connect back
 * @param exitTimeout how long to wait for the sandbox to exit after its session ended
 * @param stopGrace between asking a sandbox to stop (SIGTERM) and killing it
 */
public record OrchestratorSettings(
    Duration connectTimeout,
    Duration exitTimeout,
    Duration stopGrace,
    java.nio.file.Path socketRoot) {

  /** Unix socket paths longer than this fail to bind on Linux (108 bytes with the terminator). */
  static final int MAX_SOCKET_PATH = 100;

  public static final OrchestratorSettings DEFAULTS =
      new OrchestratorSettings(
          Duration.ofSeconds(60),
          Duration.ofSeconds(15),
          Duration.ofSeconds(5),
          defaultSocketRoot());

  public OrchestratorSettings {
    // "<root>/<12 chars>/agent.sock" must fit.
    if (socketRoot.toAbsolutePath().toString().length() + 24 > MAX_SOCKET_PATH) {
      throw new IllegalArgumentException(
          "the socket directory "
              + socketRoot
              + " is too long for Unix socket paths (at most "
              + (MAX_SOCKET_PATH - 24)
              + " characters); set perstack.socket-dir to a shorter path");
    }
  }

  /** The same timeouts with the default socket directory. */
  public OrchestratorSettings(Duration connectTimeout, Duration exitTimeout, Duration stopGrace) {
    this(connectTimeout, exitTimeout, stopGrace, defaultSocketRoot());
  }

  /** {@code <tmp>/perstack-<user>}: short, and separate per user. */
  public static java.nio.file.Path defaultSocketRoot() {
    return java.nio.file.Path.of(
        System.getProperty("java.io.tmpdir"),
        "perstack-" + System.getProperty("user.name", "user"));
  }
}
