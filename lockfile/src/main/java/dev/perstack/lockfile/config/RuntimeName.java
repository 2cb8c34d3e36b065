package dev.perstack.lockfile.config;

import java.util.Locale;

/** Where jobs run: a container per job (docker, kubernetes) or a plain child process (local). */
public enum RuntimeName {
  DOCKER,
  KUBERNETES,
  LOCAL;

  /** The word used in {@code perstack.toml} and on the command line. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
