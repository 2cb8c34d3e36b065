package dev.perstack.agent.mcp;

import java.time.Duration;

/**
 * Time limits for an MCP skill.
 *
 * @param callTimeout how long one tool call may take before it fails
 * @param startTimeout how long starting may take: spawn, {@code initialize} and {@code tools/list}
 *     together get this much each
 * @param closeTimeout how long a server gets to exit after its input closes before it is killed
 */
public record McpClientOptions(Duration callTimeout, Duration startTimeout, Duration closeTimeout) {
  /** One minute per call and for starting, as the TypeScript SDK's request timeout; 2 s to exit. */
  public static final McpClientOptions DEFAULTS =
      new McpClientOptions(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(2));

  public McpClientOptions {
    requirePositive(callTimeout, "callTimeout");
    requirePositive(startTimeout, "startTimeout");
    requirePositive(closeTimeout, "closeTimeout");
  }

  /** These options with another call timeout. */
  public McpClientOptions withCallTimeout(Duration timeout) {
    return new McpClientOptions(timeout, startTimeout, closeTimeout);
  }

  private static void requirePositive(Duration value, String field) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
  }
}
