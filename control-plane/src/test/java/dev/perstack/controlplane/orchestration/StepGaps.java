package dev.perstack.controlplane.orchestration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The time between consecutive steps of a job (its {@code startGeneration} timestamps), as the step
 * benchmarks print it: over all steps, and past the agent JVM's first steps.
 */
public final class StepGaps {
  /** Steps left out of the "after" figures: the agent JVM's slowest, coldest ones. */
  public static final int WARM_UP_STEPS = 10;

  private final List<Long> starts;
  private final List<Long> gaps = new ArrayList<>();

  /**
   * @param starts each step's {@code startGeneration} timestamp in ms, in order (at least two)
   */
  public StepGaps(List<Long> starts) {
    if (starts.size() < 2) {
      throw new IllegalArgumentException("a job needs two steps to have a gap, had " + starts);
    }
    this.starts = List.copyOf(starts);
    for (int i = 1; i < starts.size(); i++) {
      gaps.add(starts.get(i) - starts.get(i - 1));
    }
  }

  /** The gaps in step order. */
  public List<Long> inOrder() {
    return List.copyOf(gaps);
  }

  /** p50, p90 and max over all steps, then p50, p90 and mean past the first steps. */
  public String summary(String indent) {
    List<Long> all = new ArrayList<>(gaps);
    Collections.sort(all);
    StringBuilder out =
        new StringBuilder(
            String.format(
                "%sper-step overhead    p50 %d ms, p90 %d ms, max %d ms (zero-latency model)%n",
                indent,
                all.get(all.size() / 2),
                all.get(all.size() * 9 / 10),
                all.get(all.size() - 1)));
    List<Long> later =
        new ArrayList<>(gaps.subList(Math.min(WARM_UP_STEPS, gaps.size()), gaps.size()));
    if (!later.isEmpty()) {
      Collections.sort(later);
      // The mean from the timestamps' span: finer than the millisecond gaps.
      double mean =
          (double) (starts.get(starts.size() - 1) - starts.get(WARM_UP_STEPS)) / later.size();
      out.append(
          String.format(
              "%s  after step %d       p50 %d ms, p90 %d ms, mean %.2f ms (the agent JVM past its"
                  + " first steps)%n",
              indent,
              WARM_UP_STEPS,
              later.get(later.size() / 2),
              later.get(later.size() * 9 / 10),
              mean));
    }
    return out.toString();
  }
}
