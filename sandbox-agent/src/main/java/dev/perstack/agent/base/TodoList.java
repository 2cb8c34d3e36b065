package dev.perstack.agent.base;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The expert's todo list, shared by the {@code todo}, {@code clearTodo} and {@code
 * attemptCompletion} tools and readable by the loop; thread-safe.
 */
public final class TodoList {
  // Caps so that a runaway model cannot grow the agent's memory without bound.
  static final int MAX_ITEMS = 1000;
  static final int MAX_TITLE_CHARS = 2000;

  private final List<Todo> todos = new ArrayList<>();

  /** One item; ids count from 0 in the order items were added, and restart after a clear. */
  public record Todo(int id, String title, boolean completed) {}

  /**
   * Adds {@code newTitles}, then marks the items whose ids are in {@code completedIds}; unknown ids
   * are ignored, as in the original.
   *
   * @return every item after the change
   * @throws IllegalArgumentException when the list would grow past its cap
   */
  public synchronized List<Todo> update(
      Collection<String> newTitles, Collection<Integer> completedIds) {
    if (todos.size() + newTitles.size() > MAX_ITEMS) {
      throw new IllegalArgumentException(
          "the todo list can hold at most " + MAX_ITEMS + " items; clear it or complete some");
    }
    for (String title : newTitles) {
      if (title.length() > MAX_TITLE_CHARS) {
        throw new IllegalArgumentException(
            "a todo may be at most " + MAX_TITLE_CHARS + " characters long");
      }
    }
    for (String title : newTitles) {
      todos.add(new Todo(todos.size(), title, false));
    }
    for (int i = 0; i < todos.size(); i++) {
      Todo todo = todos.get(i);
      if (!todo.completed() && completedIds.contains(todo.id())) {
        todos.set(i, new Todo(todo.id(), todo.title(), true));
      }
    }
    return List.copyOf(todos);
  }

  /** Removes every item and restarts the ids at 0. */
  public synchronized void clear() {
    todos.clear();
  }

  /** Every item, in order. */
  public synchronized List<Todo> all() {
    return List.copyOf(todos);
  }

  /** The items not yet completed, in order. */
  public synchronized List<Todo> open() {
    return todos.stream().filter(t -> !t.completed()).toList();
  }
}
