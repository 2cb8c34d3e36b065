package dev.perstack.protocol.checkpoint;

import dev.perstack.protocol.internal.Require;

/**
 * Which expert a checkpoint belongs to, delegates to or was delegated by.
 *
 * @param key the expert key, such as {@code my-expert@1.0.0}
 */
public record ExpertRef(String key, String name, String version) {
  public ExpertRef {
    Require.id(key, "key");
    Require.id(name, "name");
    Require.id(version, "version");
  }
}
