package dev.perstack.agent.skill;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where skills report what happens to them; the agent turns each call into the runtime event of the
 * same name (with id, timestamp, jobId and runId) and sends it to the control plane.
 */
public interface RuntimeEvents {

  /** A sink that drops everything, for tests and tools that need no events. */
  RuntimeEvents NONE =
      new RuntimeEvents() {
        @Override
        public void skillStarting(String skillName, String command, List<String> args) {}

        @Override
        public void skillConnected(
            String skillName,
            Optional<String> serverName,
            Optional<String> serverVersion,
            Durations durations) {}

        @Override
        public void skillStderr(String skillName, String message) {}

        @Override
        public void skillDisconnected(String skillName) {}
      };

  void skillStarting(String skillName, String command, List<String> args);

  void skillConnected(
      String skillName,
      Optional<String> serverName,
      Optional<String> serverVersion,
      Durations durations);

  void skillStderr(String skillName, String message);

  void skillDisconnected(String skillName);

  /** How long each phase of connecting a skill took, in milliseconds. */
  record Durations(
      OptionalLong spawnMs,
      OptionalLong handshakeMs,
      OptionalLong toolDiscoveryMs,
      OptionalLong connectMs,
      OptionalLong totalMs) {}
}
