package dev.perstack.testsupport.model;

import java.time.Duration;

/**
 * What the scripted model server answers to one request, independent of the provider: an {@link
 * Answer} (content, streamed when the request asks for it) or a {@link Failure} (an HTTP error).
 */
public sealed interface Reply permits Answer, Failure {

  /** How long the server waits before it starts to answer. */
  Duration delay();

  /** This reply, answered only after {@code delay}: for testing client timeouts. */
  Reply delayed(Duration delay);

  /** An answer with visible text; it streams word by word. */
  static Answer text(String text) {
    return Answer.of(new Part.Text(text));
  }

  /** An answer that calls one tool; {@code argumentsJson} must be a JSON object. */
  static Answer toolCall(String id, String name, String argumentsJson) {
    return Answer.of(new Part.ToolCall(id, name, argumentsJson));
  }

  /** An HTTP error with the given status (400-599) in the provider's error JSON. */
  static Failure error(int status) {
    return Failure.of(status);
  }

  /**
   * A text answer long enough to stream many chunks, whose connection is dropped after {@code
   * chunks} of them; see {@link Answer#cutAfterChunks(int)}.
   */
  static Answer cutAfterChunks(int chunks) {
    return text("This answer is cut off before it ends, so the client never sees it finish.")
        .cutAfterChunks(chunks);
  }
}
