package dev.perstack.agent.base;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Kills a process together with every process it started. */
final class ProcessTree {
  private ProcessTree() {}

  /**
   * Kills {@code root}, its current descendants and the {@code alsoSeen} processes (descendants
   * seen earlier, which may have been orphaned since). Descendants are collected before anything is
   * killed: once a parent dies its children are re-parented and no longer show up as its
   * descendants. A few rounds catch children forked while the first round ran.
   */
  static void kill(ProcessHandle root, Collection<ProcessHandle> alsoSeen) {
    for (int round = 0; round < 5; round++) {
      List<ProcessHandle> victims = new ArrayList<>();
      root.descendants().forEach(victims::add);
      if (round == 0) {
        victims.addAll(alsoSeen);
      }
      // ProcessHandle checks the start time, so a recycled pid is never killed by mistake.
      victims.forEach(ProcessHandle::destroyForcibly);
      root.destroyForcibly();
      if (root.descendants().findAny().isEmpty()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
