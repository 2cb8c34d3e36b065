package dev.perstack.agent.loop;

import java.util.UUID;

/** New ids for events, messages, parts, runs and checkpoints. */
final class Ids {
  private Ids() {}

  static String next() {
    return UUID.randomUUID().toString();
  }
}
