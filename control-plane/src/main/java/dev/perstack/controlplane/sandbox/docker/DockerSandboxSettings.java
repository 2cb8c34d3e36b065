package dev.perstack.controlplane.sandbox.docker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The limits and identity of the docker runtime's containers.
 *
 * @param memoryBytes the container's memory limit; swap is disabled (the same value)
 * @param cpus how many CPUs the container may use (fractions allowed)
 * @param pidsLimit how many processes and threads the container may have at once
 * @param tmpfsBytes the size cap of the {@code /tmp} tmpfs (also the sandbox's {@code HOME})
 * @param tmpfsExec whether programs may run from {@code /tmp} ({@code npx} unpacks packages there)
 * @param sandboxUid the uid the container runs as; empty chooses (see {@link SandboxUser})
 * @param stopGrace how long an OOM-stopped container gets between SIGTERM and SIGKILL
 * @param logBytes how much of the container's own output the job log keeps
 * @param owner names this control plane in the containers' labels; orphans are reaped per owner
 * @param command replaces the image's entrypoint (diagnostics and tests); empty runs the agent
 */
public record DockerSandboxSettings(
    long memoryBytes,
    double cpus,
    long pidsLimit,
    long tmpfsBytes,
    boolean tmpfsExec,
    OptionalInt sandboxUid,
    Duration stopGrace,
    long logBytes,
    String owner,
    Optional<List<String>> command) {

  /** 1 GiB, 2 CPUs, 512 pids, 256 MiB {@code /tmp} (exec allowed), uid chosen, 5 s grace. */
  public static final DockerSandboxSettings DEFAULTS =
      new DockerSandboxSettings(
          1L << 30,
          2.0,
          512,
          256L << 20,
          true,
          OptionalInt.empty(),
          Duration.ofSeconds(5),
          16L << 20,
          "default",
          Optional.empty());

  public DockerSandboxSettings {
    Objects.requireNonNull(sandboxUid, "sandboxUid");
    Objects.requireNonNull(stopGrace, "stopGrace");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(command, "command");
    if (memoryBytes < (64L << 20)) {
      throw new IllegalArgumentException(
          "memoryBytes must be at least 64 MiB (the agent's JVM needs it), got " + memoryBytes);
    }
    if (!(cpus > 0) || cpus > 1024) {
      throw new IllegalArgumentException("cpus must be within (0, 1024], got " + cpus);
    }
    if (pidsLimit < 16) {
      throw new IllegalArgumentException(
          "pidsLimit must be at least 16 (the agent's JVM runs threads), got " + pidsLimit);
    }
    if (tmpfsBytes < (1L << 20)) {
      throw new IllegalArgumentException("tmpfsBytes must be at least 1 MiB, got " + tmpfsBytes);
    }
    if (sandboxUid.isPresent() && sandboxUid.getAsInt() <= 0) {
      throw new IllegalArgumentException(
          "sandboxUid must be a positive uid (never root), got " + sandboxUid.getAsInt());
    }
    if (stopGrace.isNegative()) {
      throw new IllegalArgumentException("stopGrace must not be negative");
    }
    if (logBytes < 0) {
      throw new IllegalArgumentException("logBytes must not be negative");
    }
    if (!owner.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
      throw new IllegalArgumentException(
          "owner must be 1-63 letters, digits, '_', '.' or '-', got '" + owner + "'");
    }
    command = command.map(List::copyOf);
    if (command.isPresent() && command.get().isEmpty()) {
      throw new IllegalArgumentException("a command override needs at least the program");
    }
  }

  /** These settings with another memory limit. */
  public DockerSandboxSettings withMemoryBytes(long bytes) {
    return new DockerSandboxSettings(
        bytes,
        cpus,
        pidsLimit,
        tmpfsBytes,
        tmpfsExec,
        sandboxUid,
        stopGrace,
        logBytes,
        owner,
        command);
  }

  /** These settings with another pids limit. */
  public DockerSandboxSettings withPidsLimit(long limit) {
    return new DockerSandboxSettings(
        memoryBytes,
        cpus,
        limit,
        tmpfsBytes,
        tmpfsExec,
        sandboxUid,
        stopGrace,
        logBytes,
        owner,
        command);
  }

  /** These settings with another owner label (tests use their own, so reaping stays theirs). */
  public DockerSandboxSettings withOwner(String name) {
    return new DockerSandboxSettings(
        memoryBytes,
        cpus,
        pidsLimit,
        tmpfsBytes,
        tmpfsExec,
        sandboxUid,
        stopGrace,
        logBytes,
        name,
        command);
  }

  /** These settings running {@code program} instead of the agent (diagnostics and tests). */
  public DockerSandboxSettings withCommand(List<String> program) {
    return new DockerSandboxSettings(
        memoryBytes,
        cpus,
        pidsLimit,
        tmpfsBytes,
        tmpfsExec,
        sandboxUid,
        stopGrace,
        logBytes,
        owner,
        Optional.of(program));
  }
}
