package dev.perstack.agent.loop;

import dev.perstack.protocol.checkpoint.RunError;
import java.util.Objects;

/** A generation failed; carries the normalised error the run records. */
public final class GenerationFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient RunError error;

  public GenerationFailure(RunError error) {
    super(error.name() + ": " + error.message());
    this.error = Objects.requireNonNull(error, "error");
  }

  public RunError error() {
    return error;
  }
}
