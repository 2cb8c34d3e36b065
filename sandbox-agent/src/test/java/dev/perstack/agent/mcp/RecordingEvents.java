package dev.perstack.agent.mcp;

import dev.perstack.agent.skill.RuntimeEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps every skill event, in order, for assertions. */
final class RecordingEvents implements RuntimeEvents {

  /** One event: its type, the skill, and the event's own fields. */
  record Event(String type, String skillName, Object detail) {}

  /** What {@code skillConnected} carried. */
  record Connected(
      Optional<String> serverName, Optional<String> serverVersion, Durations durations) {}

  /** What {@code skillStarting} carried. */
  record Starting(String command, List<String> args) {}

  private final List<Event> events = new ArrayList<>();

  @Override
  public synchronized void skillStarting(String skillName, String command, List<String> args) {
    events.add(new Event("skillStarting", skillName, new Starting(command, List.copyOf(args))));
  }

  @Override
  public synchronized void skillConnected(
      String skillName,
      Optional<String> serverName,
      Optional<String> serverVersion,
      Durations durations) {
    events.add(
        new Event(
            "skillConnected", skillName, new Connected(serverName, serverVersion, durations)));
  }

  @Override
  public synchronized void skillStderr(String skillName, String message) {
    events.add(new Event("skillStderr", skillName, message));
  }

  @Override
  public synchronized void skillDisconnected(String skillName) {
    events.add(new Event("skillDisconnected", skillName, null));
  }

  synchronized List<Event> all() {
    return List.copyOf(events);
  }

  synchronized List<String> types() {
    return events.stream().map(Event::type).toList();
  }

  synchronized List<String> stderrLines() {
    return events.stream()
        .filter(e -> e.type().equals("skillStderr"))
        .map(e -> (String) e.detail())
        .toList();
  }

  synchronized Connected connected() {
    return events.stream()
        .filter(e -> e.type().equals("skillConnected"))
        .map(e -> (Connected) e.detail())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no skillConnected event in " + types()));
  }

  synchronized Starting starting() {
    return events.stream()
        .filter(e -> e.type().equals("skillStarting"))
        .map(e -> (Starting) e.detail())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no skillStarting event in " + types()));
  }
}
