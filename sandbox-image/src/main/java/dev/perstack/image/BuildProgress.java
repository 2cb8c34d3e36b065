package dev.perstack.image;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One progress report of an image build: its stage, a one-line message and, when known, how far the
 * whole build is (0 to 100).
 */
public record BuildProgress(BuildStage stage, String message, OptionalInt percent) {
  public BuildProgress {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(percent, "percent");
    if (message.isBlank() || message.contains("\n")) {
      throw new IllegalArgumentException("a progress message is one non-blank line: " + message);
    }
    if (percent.isPresent() && (percent.getAsInt() < 0 || percent.getAsInt() > 100)) {
      throw new IllegalArgumentException("percent must be within 0..100: " + percent.getAsInt());
    }
  }

  /** A report without a percentage. */
  public static BuildProgress of(BuildStage stage, String message) {
    return new BuildProgress(stage, message, OptionalInt.empty());
  }

  /** A report with a percentage (0 to 100). */
  public static BuildProgress of(BuildStage stage, String message, int percent) {
    return new BuildProgress(stage, message, OptionalInt.of(percent));
  }

  /** One line for a terminal: {@code [stage 42%] message}. */
  public String format() {
    String pct = percent.isPresent() ? String.format(" %3d%%", percent.getAsInt()) : "";
    return "[" + stage.name().toLowerCase(java.util.Locale.ROOT) + pct + "] " + message;
  }
}
