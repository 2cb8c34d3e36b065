package dev.perstack.controlplane.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An event's JSON, built at most once and only when first read: the store can hand an event on with
 * its parts (a body and its conversations' cached messages) and leave joining them, which grows
 * with the conversation, to whoever prints or streams it, off the thread that stores the job. Equal
 * when the JSON text is equal.
 */
public final class EventJson {
  private Supplier<String> build;
  private volatile String text;

  private EventJson(String text, Supplier<String> build) {
    this.text = text;
    this.build = build;
  }

  /** JSON already built. */
  public static EventJson of(String text) {
    return new EventJson(Objects.requireNonNull(text, "text"), null);
  }

  /** JSON that {@code build} makes on the first read; it must always make the same text. */
  public static EventJson lazy(Supplier<String> build) {
    return new EventJson(null, Objects.requireNonNull(build, "build"));
  }

  /** The JSON text, built now if no one has read it yet. */
  public String text() {
    String built = text;
    if (built == null) {
      synchronized (this) {
        built = text;
        if (built == null) {
          built = Objects.requireNonNull(build.get(), "the event's JSON was built as null");
          text = built;
          build = null;
        }
      }
    }
    return built;
  }

  /** Writes the JSON to {@code out} as UTF-8, without the detour through a character writer. */
  public void writeUtf8(OutputStream out) throws IOException {
    out.write(text().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EventJson json && json.text().equals(text());
  }

  @Override
  public int hashCode() {
    return text().hashCode();
  }

  @Override
  public String toString() {
    return text();
  }
}
