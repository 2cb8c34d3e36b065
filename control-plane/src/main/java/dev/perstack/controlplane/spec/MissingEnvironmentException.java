package dev.perstack.controlplane.spec;

import java.util.List;

/** A skill's {@code requiredEnv} names variables that have no value where the job is submitted. */
public final class MissingEnvironmentException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<String> missing;

  public MissingEnvironmentException(List<String> missing) {
    super(String.join("; ", missing));
    this.missing = List.copyOf(missing);
  }

  /** One sentence per missing variable, naming the expert, the skill and how to set it. */
  public List<String> missing() {
    return missing;
  }
}
