package dev.perstack.testsupport.model.internal;

import java.nio.charset.StandardCharsets;

/** How stream events become bytes on the wire: server-sent events, or Gemini's JSON array. */
enum Framing {
  /** SSE with LF line ends, as OpenAI and Anthropic send. */
  SSE("text/event-stream; charset=utf-8", "\n"),
  /** SSE with CRLF line ends, as Gemini's {@code alt=sse} sends. */
  SSE_CRLF("text/event-stream", "\r\n"),
  /** A JSON array written element by element, as Gemini streams without {@code alt=sse}. */
  JSON_ARRAY("application/json; charset=UTF-8", "\r\n");

  private final String contentType;
  private final String lineEnd;

  Framing(String contentType, String lineEnd) {
    this.contentType = contentType;
    this.lineEnd = lineEnd;
  }

  String contentType() {
    return contentType;
  }

  /** The bytes of event number {@code index} (from 0). */
  byte[] encode(StreamEvent event, int index) {
    StringBuilder text = new StringBuilder();
    if (this == JSON_ARRAY) {
      text.append(index == 0 ? "[" : "," + lineEnd).append(event.data());
    } else {
      event.name().ifPresent(name -> text.append("event: ").append(name).append(lineEnd));
      text.append("data: ").append(event.data()).append(lineEnd).append(lineEnd);
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes after the last event of a complete stream of {@code count} events. */
  byte[] close(int count) {
    String end = this == JSON_ARRAY ? (count == 0 ? "[]" : "]") : "";
    return end.getBytes(StandardCharsets.UTF_8);
  }
}
