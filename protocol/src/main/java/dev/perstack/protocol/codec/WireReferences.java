package dev.perstack.protocol.codec;

import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.Message;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one direction of a connection has carried (message lists, tool sets), so that later frames
 * in that direction can refer to it instead of repeating it (protocol version 2, §5a of
 * docs/protocol.md). The writer and the reader of a direction each keep one and apply the same
 * rules in the same order, so they always agree on what a reference means.
 *
 * <p>Each message id carried in a message list is remembered with the message before it in the last
 * list that carried it, so a run of messages that was carried together before can be named by its
 * last id and its length. Nothing new is remembered beyond {@link #MAX_MESSAGES} ids or {@link
 * #MAX_TOOL_SETS} tool sets (the writer then sends in full). A frame's changes take effect when it
 * has been written or read whole ({@link Draft#commit()}). Not thread-safe: a direction writes (or
 * reads) one frame at a time.
 */
public final class WireReferences {
  /** The most message ids a direction remembers. */
  public static final int MAX_MESSAGES = 262_144;

  /** The most tool sets a direction remembers. */
  public static final int MAX_TOOL_SETS = 1_024;

  /** How far from a list's end to look for the last message of the conversation carried before. */
  private static final int PREFIX_LOOKBACK = 8;

  private final Map<String, Link> links = new HashMap<>();
  private final Map<String, List<ToolDefinition>> toolSets = new LinkedHashMap<>();
  private int nextToolSet = 1;

  /** The changes one frame makes, visible to that frame's later parts. */
  public Draft draft() {
    return new Draft();
  }

  /** How many message ids are remembered. */
  public int messageCount() {
    return links.size();
  }

  /**
   * A carried message and the one before it in the list that last carried it; {@code length} counts
   * the chain back to that list's first message.
   */
  record Link(Message message, Link previous, int length) {}

  /** A run of messages carried together before: the last one's id and how many. */
  record Run(String lastId, int count) {}

  /** One frame's additions; {@link #commit()} once the frame is on (or off) the wire whole. */
  public final class Draft {
    private final Map<String, Link> newLinks = new HashMap<>();
    private final Map<String, List<ToolDefinition>> newToolSets = new LinkedHashMap<>();
    private int toolSetsDrafted;

    private Draft() {}

    /** Makes this frame's additions visible to later frames. */
    public void commit() {
      links.putAll(newLinks);
      toolSets.putAll(newToolSets);
      nextToolSet += toolSetsDrafted;
    }

    Link link(String id) {
      Link drafted = newLinks.get(id);
      return drafted != null ? drafted : links.get(id);
    }

    /**
     * How to write {@code messages}: each element is a {@link Run} of messages carried together
     * before, or a message to write in full.
     */
    List<Object> plan(List<? extends Message> messages) {
      List<Object> plan = new ArrayList<>();
      int chained = chainedPrefix(messages);
      Link runLast = chained > 0 ? link(messages.get(chained - 1).id()) : null;
      int runCount = chained;
      for (Message message : messages.subList(chained, messages.size())) {
        Link known = link(message.id());
        boolean carried = known != null && same(known.message(), message);
        if (carried && runCount > 0 && known.previous() == runLast) {
          runLast = known;
          runCount++;
          continue;
        }
        if (runCount > 0) {
          plan.add(new Run(runLast.message().id(), runCount));
        }
        if (carried) {
          runLast = known;
          runCount = 1;
        } else {
          runLast = null;
          runCount = 0;
          plan.add(message);
        }
      }
      if (runCount > 0) {
        plan.add(new Run(runLast.message().id(), runCount));
      }
      return plan;
    }

    /**
     * The {@code count} messages ending with {@code lastId}, as last carried, or empty when this
     * direction carried no such run.
     */
    Optional<List<Message>> expand(String lastId, int count) {
      Link link = link(lastId);
      if (link == null || count < 1 || count > link.length()) {
        return Optional.empty();
      }
      Message[] run = new Message[count];
      for (int i = count - 1; i >= 0; i--) {
        run[i] = link.message();
        link = link.previous();
      }
      return Optional.of(Arrays.asList(run));
    }

    /** How many messages the run ending with {@code lastId} can have at most (0: unknown id). */
    int longestRun(String lastId) {
      Link link = link(lastId);
      return link == null ? 0 : link.length();
    }

    /** Notes a message list carried (in full or by references), after it was written or read. */
    void carried(List<? extends Message> messages) {
      int chained = chainedPrefix(messages);
      Link previous = chained > 0 ? link(messages.get(chained - 1).id()) : null;
      for (Message message : messages.subList(chained, messages.size())) {
        Link known = link(message.id());
        Link link;
        if (known != null
            && (known.previous() == previous || previous == null)
            && same(known.message(), message)) {
          // A list that starts inside a carried run (a step's new messages, say) keeps the run.
          link = known;
        } else {
          link = new Link(message, previous, previous == null ? 1 : previous.length() + 1);
          if (known != null || links.size() + newLinks.size() < MAX_MESSAGES) {
            newLinks.put(message.id(), link);
          }
        }
        previous = link;
      }
    }

    /** The id under which {@code tools}, exactly, were carried, if they were. */
    Optional<String> toolSetId(List<ToolDefinition> tools) {
      for (Map<String, List<ToolDefinition>> known : List.of(newToolSets, toolSets)) {
        for (Map.Entry<String, List<ToolDefinition>> entry : known.entrySet()) {
          if (entry.getValue() == tools || entry.getValue().equals(tools)) {
            return Optional.of(entry.getKey());
          }
        }
      }
      return Optional.empty();
    }

    /** The tool set carried under {@code id}, if any. */
    Optional<List<ToolDefinition>> toolSet(String id) {
      List<ToolDefinition> drafted = newToolSets.get(id);
      return Optional.ofNullable(drafted != null ? drafted : toolSets.get(id));
    }

    /**
     * A fresh id for tools about to be carried in full, or empty when no more tool sets are
     * remembered (send them without an id then).
     */
    Optional<String> newToolSetId(List<ToolDefinition> tools) {
      if (toolSets.size() + newToolSets.size() >= MAX_TOOL_SETS) {
        return Optional.empty();
      }
      String id = "t" + (nextToolSet + toolSetsDrafted);
      toolSetsDrafted++;
      newToolSets.put(id, tools);
      return Optional.of(id);
    }

    /** Notes tools carried in full under an id the other end chose. */
    void carriedToolSet(String id, List<ToolDefinition> tools) {
      if (newToolSets.containsKey(id)
          || toolSets.containsKey(id)
          || toolSets.size() + newToolSets.size() < MAX_TOOL_SETS) {
        newToolSets.put(id, tools);
      }
    }

    /**
     * How many of the first messages are exactly a remembered chain (the usual case: the
     * conversation so far), found by walking links instead of looking each id up; 0 when none of
     * the last few messages ends such a chain. Writer and reader run it on the same state and equal
     * lists, so they agree.
     */
    private int chainedPrefix(List<? extends Message> messages) {
      int size = messages.size();
      for (int i = size - 1; i >= Math.max(0, size - PREFIX_LOOKBACK); i--) {
        Link last = link(messages.get(i).id());
        if (last == null || last.length() != i + 1) {
          continue;
        }
        Link node = last;
        int j = i;
        while (j >= 0 && node != null && same(node.message(), messages.get(j))) {
          node = node.previous();
          j--;
        }
        if (j < 0) {
          return i + 1;
        }
      }
      return 0;
    }

    private static boolean same(Message known, Message message) {
      return known == message || known.equals(message);
    }
  }
}
