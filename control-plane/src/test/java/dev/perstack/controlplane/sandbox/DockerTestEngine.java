package dev.perstack.controlplane.sandbox;

import com.github.dockerjava.api.DockerClient;
import dev.perstack.controlplane.sandbox.docker.BuiltSandboxImage;
import dev.perstack.controlplane.sandbox.docker.ContainerStatus;
import dev.perstack.controlplane.sandbox.docker.DockerEngine;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxRuntime;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxSettings;
import dev.perstack.controlplane.sandbox.docker.SandboxImageSource;
import dev.perstack.controlplane.store.InMemoryJobStore;
import dev.perstack.image.BuildListener;
import dev.perstack.image.ImageBuildSettings;
import java.time.Clock;
import java.util.UUID;

/**
 * The local Docker engine and the sandbox image of this build, shared by the docker tests of one
 * JVM: the image is built (or found) once, never pulled.
 */
final class DockerTestEngine {
  private static DockerClient client;
  private static String imageId;

  private DockerTestEngine() {}

  static synchronized DockerClient client() throws SandboxException {
    if (client == null) {
      client = DockerEngine.connect();
    }
    return client;
  }

  static synchronized String imageId() throws SandboxException {
    if (imageId == null) {
      imageId =
          new BuiltSandboxImage(
                  client(), ImageBuildSettings.defaults(), BuildListener.printingTo(System.out))
              .imageId();
    }
    return imageId;
  }

  /** An owner label of its own, so that reaping in one test never touches another's containers. */
  static String uniqueOwner() {
    return "test-" + UUID.randomUUID().toString().substring(0, 12);
  }

  static DockerSandboxRuntime runtime(DockerSandboxSettings settings, ContainerStatus.Listener l)
      throws SandboxException {
    return new DockerSandboxRuntime(
        client(), SandboxImageSource.fixed(imageId()), settings, l, Clock.systemUTC());
  }

  /**
   * Removes every container of {@code owner} (a failed test may leave one running, and this JVM's
   * watchers do not outlive it); returns how many there were.
   */
  static int removeAll(String owner) throws SandboxException {
    int removed = 0;
    for (var c :
        client()
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(java.util.Map.of("dev.perstack.owner", owner))
            .exec()) {
      client().removeContainerCmd(c.getId()).withForce(true).exec();
      removed++;
    }
    return removed;
  }

  /** Stores each status change as a {@code dockerContainerStatus} event of its job. */
  static ContainerStatus.Listener storingIn(InMemoryJobStore store) {
    return change -> store.appendEvent(change.jobId(), change.toEvent(change.jobId()));
  }
}
