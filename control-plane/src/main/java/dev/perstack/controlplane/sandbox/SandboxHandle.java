package dev.perstack.controlplane.sandbox;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A started sandbox: its exit, and a way to stop it. */
public interface SandboxHandle {

  /** Completes with the agent's exit code when the sandbox ends. */
  CompletableFuture<Integer> exit();

  /** Asks the sandbox to stop (SIGTERM), then kills it after {@code grace}. */
  void stop(Duration grace);

  /** The image the sandbox runs, when the runtime uses images. */
  Optional<String> image();

  /** Why the sandbox ended abnormally, when the runtime knows (for example: out of memory). */
  default java.util.Optional<String> failure() {
    return java.util.Optional.empty();
  }

  /** A short description for logs, such as a container or process id. */
  String describe();
}
