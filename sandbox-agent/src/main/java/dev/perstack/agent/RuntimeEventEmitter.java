package dev.perstack.agent;

import dev.perstack.agent.loop.EventSink;
import dev.perstack.agent.skill.RuntimeEvents;
import dev.perstack.protocol.event.SkillConnected;
import dev.perstack.protocol.event.SkillDisconnected;
import dev.perstack.protocol.event.SkillStarting;
import dev.perstack.protocol.event.SkillStderr;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/** Turns what skills report into runtime events of the job, sent through the event sink. */
final class RuntimeEventEmitter implements RuntimeEvents {
  private final EventSink sink;
  private final LongSupplier clock;
  private final String jobId;
  private final String runId;

  RuntimeEventEmitter(EventSink sink, LongSupplier clock, String jobId, String runId) {
    this.sink = sink;
    this.clock = clock;
    this.jobId = jobId;
    this.runId = runId;
  }

  @Override
  public void skillStarting(String skillName, String command, List<String> args) {
    sink.event(new SkillStarting(id(), clock.getAsLong(), jobId, runId, skillName, command, args));
  }

  @Override
  public void skillConnected(
      String skillName,
      Optional<String> serverName,
      Optional<String> serverVersion,
      Durations durations) {
    Optional<SkillConnected.ServerInfo> info =
        serverName.map(name -> new SkillConnected.ServerInfo(name, serverVersion.orElse("")));
    sink.event(
        new SkillConnected(
            id(),
            clock.getAsLong(),
            jobId,
            runId,
            skillName,
            info,
            durations.connectMs(),
            durations.totalMs(),
            durations.spawnMs(),
            durations.handshakeMs(),
            durations.toolDiscoveryMs()));
  }

  @Override
  public void skillStderr(String skillName, String message) {
    sink.event(new SkillStderr(id(), clock.getAsLong(), jobId, runId, skillName, message));
  }

  @Override
  public void skillDisconnected(String skillName) {
    sink.event(new SkillDisconnected(id(), clock.getAsLong(), jobId, runId, skillName));
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
