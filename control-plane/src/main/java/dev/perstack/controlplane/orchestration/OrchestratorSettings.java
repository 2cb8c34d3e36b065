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
    Duration connectTimeout, Duration exitTimeout, Duration stopGrace) {
  public static final OrchestratorSettings DEFAULTS =
      new OrchestratorSettings(
          Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(5));
}
