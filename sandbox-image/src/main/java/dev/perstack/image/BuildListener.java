package dev.perstack.image;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Receives the progress of an image build (the control plane turns it into {@code
 * dockerBuildProgress} events, the CLI prints it); called from the building thread and from the
 * threads that read the build's output, so implementations must be thread-safe.
 */
@FunctionalInterface
public interface BuildListener {
  /** Ignores every report. */
  BuildListener NONE = progress -> {};

  /** Called for each report; must return quickly and must not throw. */
  void progress(BuildProgress progress);

  /** Prints each report on its own line. */
  static BuildListener printingTo(PrintStream out) {
    Objects.requireNonNull(out, "out");
    return progress -> {
      synchronized (out) {
        out.println(progress.format());
      }
    };
  }
}
