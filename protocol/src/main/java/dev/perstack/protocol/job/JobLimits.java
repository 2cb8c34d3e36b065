package dev.perstack.protocol.job;

import dev.perstack.protocol.internal.Require;

/**
 * How far a job may go.
 *
 * @param maxSteps steps across all runs of the job
 * @param maxRetries failed generations in a row before the run stops by error
 * @param timeoutMillis per generation
 */
public record JobLimits(int maxSteps, int maxRetries, long timeoutMillis) {
  public JobLimits {
    Require.positive(maxSteps, "maxSteps");
    Require.nonNegative(maxRetries, "maxRetries");
    Require.nonNegative(timeoutMillis, "timeoutMillis");
  }

  /** Perstack's defaults: 100 steps, 5 retries, 300 000 ms per generation. */
  public static final JobLimits DEFAULT = new JobLimits(100, 5, 300_000);
}
