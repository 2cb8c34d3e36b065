package dev.perstack.testsupport.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A scripted successful answer: content parts in order, why it finished, its usage, and how it is
 * delivered (a delay before it, a pause between streamed chunks, a connection cut part-way).
 *
 * <p>Without {@link #withUsage} it reports {@link Usage#DEFAULT}. Chunks are the stream's events
 * (one SSE event, or one element of Gemini's JSON-array stream); text streams word by word and tool
 * arguments in fragments of a few characters.
 */
public record Answer(
    List<Part> parts,
    Finish finish,
    Usage usage,
    Duration delay,
    Duration pacing,
    OptionalInt cutAfterChunks)
    implements Reply {

  public Answer {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("an answer needs at least one part");
    }
    Objects.requireNonNull(finish, "finish");
    Objects.requireNonNull(usage, "usage");
    requireNotNegative(delay, "delay");
    requireNotNegative(pacing, "pacing");
    Objects.requireNonNull(cutAfterChunks, "cutAfterChunks");
    if (cutAfterChunks.isPresent() && cutAfterChunks.getAsInt() < 0) {
      throw new IllegalArgumentException("cutAfterChunks must not be negative");
    }
  }

  /** An answer of one part, finishing with TOOL_CALLS for a tool call and STOP otherwise. */
  public static Answer of(Part part) {
    Finish finish = part instanceof Part.ToolCall ? Finish.TOOL_CALLS : Finish.STOP;
    return new Answer(
        List.of(part), finish, Usage.DEFAULT, Duration.ZERO, Duration.ZERO, OptionalInt.empty());
  }

  /** This answer with more text after its parts. */
  public Answer withText(String text) {
    return withParts(append(new Part.Text(text)));
  }

  /** This answer with one more tool call; a STOP finish becomes TOOL_CALLS. */
  public Answer withToolCall(String id, String name, String argumentsJson) {
    Finish next = finish == Finish.STOP ? Finish.TOOL_CALLS : finish;
    List<Part> appended = append(new Part.ToolCall(id, name, argumentsJson));
    return new Answer(appended, next, usage, delay, pacing, cutAfterChunks);
  }

  /** This answer with thinking before its other parts, signed with the default signature. */
  public Answer withThinking(String thinking) {
    return withThinking(thinking, Part.Thinking.DEFAULT_SIGNATURE);
  }

  /** This answer with signed thinking before its other parts (after earlier thinking). */
  public Answer withThinking(String thinking, String signature) {
    List<Part> next = new ArrayList<>(parts);
    int firstNonThinking = 0;
    while (firstNonThinking < next.size() && next.get(firstNonThinking) instanceof Part.Thinking) {
      firstNonThinking++;
    }
    // Providers send thinking before what it led to.
    next.add(firstNonThinking, new Part.Thinking(thinking, signature));
    return withParts(next);
  }

  /** This answer reporting the given usage; cache writes stay zero. */
  public Answer withUsage(
      int inputTokens, int outputTokens, int reasoningTokens, int cachedTokens) {
    return withUsage(Usage.of(inputTokens, outputTokens, reasoningTokens, cachedTokens));
  }

  /** This answer reporting the given usage. */
  public Answer withUsage(Usage usage) {
    return new Answer(parts, finish, usage, delay, pacing, cutAfterChunks);
  }

  /** This answer finishing for the given reason. */
  public Answer withFinish(Finish finish) {
    return new Answer(parts, finish, usage, delay, pacing, cutAfterChunks);
  }

  @Override
  public Answer delayed(Duration delay) {
    return new Answer(parts, finish, usage, delay, pacing, cutAfterChunks);
  }

  /** This answer with a pause before each streamed chunk after the first. */
  public Answer pacedBy(Duration pacing) {
    return new Answer(parts, finish, usage, delay, pacing, cutAfterChunks);
  }

  /**
   * This answer with its connection closed abruptly after {@code chunks} streamed chunks, never
   * fewer than one short of the end so that the terminator ({@code [DONE]}, {@code message_stop},
   * Gemini's finishing chunk) never arrives. A non-streaming request gets half of its JSON body.
   */
  public Answer cutAfterChunks(int chunks) {
    return new Answer(parts, finish, usage, delay, pacing, OptionalInt.of(chunks));
  }

  private Answer withParts(List<Part> next) {
    return new Answer(next, finish, usage, delay, pacing, cutAfterChunks);
  }

  private List<Part> append(Part part) {
    List<Part> next = new ArrayList<>(parts);
    next.add(part);
    return next;
  }

  private static void requireNotNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }
}
