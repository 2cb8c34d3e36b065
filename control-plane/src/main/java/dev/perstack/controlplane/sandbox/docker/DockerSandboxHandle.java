package dev.perstack.controlplane.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.perstack.controlplane.sandbox.SandboxHandle;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One job's running container. Its {@link #exit()} completes once the container exited and was
 * removed; {@link #failure()} then says why the runtime ended it, if it did (out of memory).
 */
public final class DockerSandboxHandle implements SandboxHandle {
  private static final Logger LOG = Logger.getLogger(DockerSandboxHandle.class.getName());

  private final DockerClient docker;
  private final String jobId;
  private final String containerId;
  private final String image;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final AtomicReference<String> failure = new AtomicReference<>();

  DockerSandboxHandle(DockerClient docker, String jobId, String containerId, String image) {
    this.docker = docker;
    this.jobId = jobId;
    this.containerId = containerId;
    this.image = image;
  }

  public String jobId() {
    return jobId;
  }

  public String containerId() {
    return containerId;
  }

  /** Why the runtime ended the container (for example: it ran out of memory), if it did. */
  @Override
  public Optional<String> failure() {
    return Optional.ofNullable(failure.get());
  }

  @Override
  public CompletableFuture<Integer> exit() {
    return exit;
  }

  @Override
  public void stop(Duration grace) {
    if (exit.isDone()) {
      return;
    }
    int seconds = (int) Math.min(Integer.MAX_VALUE, (grace.toMillis() + 999) / 1000);
    try {
      if (seconds == 0) {
        docker.killContainerCmd(containerId).exec();
      } else {
        docker.stopContainerCmd(containerId).withTimeout(seconds).exec();
      }
    } catch (NotFoundException | NotModifiedException gone) {
      // Already stopped or removed.
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "stopping container " + containerId + " failed; killing it", e);
      kill();
    }
    try {
      exit.get(seconds + 10L, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.WARNING, "container " + containerId + " did not end after stop", e);
    }
  }

  @Override
  public Optional<String> image() {
    return Optional.of(image);
  }

  @Override
  public String describe() {
    return "container " + containerId.substring(0, Math.min(12, containerId.length()));
  }

  /** Records why the runtime ends this container; the first reason wins. */
  boolean fail(String reason) {
    return failure.compareAndSet(null, reason);
  }

  void kill() {
    try {
      docker.killContainerCmd(containerId).exec();
    } catch (RuntimeException ignored) {
      // Already gone, or the engine is; the exit watcher reports it.
    }
  }

  void exited(int code) {
    exit.complete(code);
  }

  void lost(Throwable error) {
    exit.completeExceptionally(error);
  }
}
