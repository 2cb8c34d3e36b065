package dev.perstack.lockfile.lock;

import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.config.PerstackConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Decides whether a lock still matches the {@code perstack.toml} a job is about to run. */
public final class LockCheck {
  private LockCheck() {}

  /**
   * Why the lock cannot run {@code expertKey} of {@code config}: every problem, empty when it is
   * current. The expert and every expert it reaches through delegates must be locked with the
   * digest of their current definition, and the configured provider and model must be the ones the
   * lock pins. A version 1 lock always yields {@link StaleLock#VERSION_1}.
   *
   * @throws IllegalArgumentException when {@code config} does not define {@code expertKey}
   */
  public static List<StaleLock> check(PerstackLock lock, PerstackConfig config, String expertKey) {
    if (config.expert(expertKey).isEmpty()) {
      throw new IllegalArgumentException(
          "expert " + expertKey + " is not defined in " + config.source());
    }
    List<StaleLock> stale = new ArrayList<>();
    boolean original = lock.version() == PerstackLock.ORIGINAL_VERSION;
    if (original) {
      stale.add(StaleLock.VERSION_1);
    }
    reach(config, expertKey)
        .forEach(
            (key, reachedFrom) -> {
              ExpertDefinition current = config.experts().get(key);
              if (current == null) {
                return; // the loader resolves every delegate; a hand-built config may not
              }
              String who =
                  "expert `"
                      + key
                      + "`"
                      + (reachedFrom == null ? "" : " (which `" + reachedFrom + "` delegates to)");
              Optional<LockedExpert> locked = lock.expert(key);
              if (locked.isEmpty()) {
                stale.add(new StaleLock(key, who + " is not in the lock"));
              } else if (!original
                  && !locked.get().digest().equals(ExpertDefinitions.digest(current))) {
                stale.add(
                    new StaleLock(
                        key, who + ": its definition changed since the lock was written"));
              }
            });
    lock.provider().ifPresent(pinned -> checkProvider(pinned, config, stale));
    return List.copyOf(stale);
  }

  private static void checkProvider(
      LockedProvider pinned, PerstackConfig config, List<StaleLock> stale) {
    String providerName = config.provider().name().word();
    if (!pinned.providerName().equals(providerName)) {
      stale.add(
          new StaleLock(
              null,
              "the provider is `"
                  + providerName
                  + "` in perstack.toml but `"
                  + pinned.providerName()
                  + "` in the lock"));
    }
    pinned
        .model()
        .filter(model -> !model.equals(config.model()))
        .ifPresent(
            model ->
                stale.add(
                    new StaleLock(
                        null,
                        "the model is `"
                            + config.model()
                            + "` in perstack.toml but `"
                            + model
                            + "` in the lock")));
  }

  /**
   * {@code root} and every expert it reaches through the delegates in {@code config}, breadth
   * first, each with the expert that first delegated to it ({@code null} for the root).
   */
  private static Map<String, String> reach(PerstackConfig config, String root) {
    Map<String, String> reached = new LinkedHashMap<>();
    reached.put(root, null);
    Deque<String> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      String key = queue.poll();
      ExpertDefinition expert = config.experts().get(key);
      if (expert == null) {
        continue;
      }
      for (String delegate : expert.delegates()) {
        if (!reached.containsKey(delegate)) {
          reached.put(delegate, key);
          queue.add(delegate);
        }
      }
    }
    return reached;
  }
}
