package dev.perstack.controlplane.gateway;

import dev.perstack.protocol.message.Usage;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a job's generations used so far, counted from the providers' answers.
 *
 * @param costUsd dollars; empty when any generation's model is missing from the price table
 * @param generations generations answered
 */
public record JobUsage(Usage usage, Optional<BigDecimal> costUsd, int generations) {
  /** Nothing used yet. */
  public static final JobUsage NONE = new JobUsage(Usage.ZERO, Optional.of(BigDecimal.ZERO), 0);

  public JobUsage {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(costUsd, "costUsd");
  }

  /** This usage plus one generation's. */
  public JobUsage plus(Usage more, Optional<BigDecimal> cost) {
    Optional<BigDecimal> total =
        costUsd.isPresent() && cost.isPresent()
            ? Optional.of(costUsd.get().add(cost.get()))
            : Optional.empty();
    return new JobUsage(usage.plus(more), total, generations + 1);
  }
}
