package dev.perstack.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The test's own view of the engine: inspect images, run containers, remove test images. */
final class Docker implements AutoCloseable {
  private final DockerClient client;

  private Docker(DockerClient client) {
    this.client = client;
  }

  static Docker connect() {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    return new Docker(
        DockerClientImpl.getInstance(
            config,
            new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build()));
  }

  DockerClient client() {
    return client;
  }

  InspectImageResponse inspect(String image) {
    return client.inspectImageCmd(image).exec();
  }

  boolean exists(String image) {
    try {
      client.inspectImageCmd(image).exec();
      return true;
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return false;
    }
  }

  void removeImagesOf(String repository) {
    List<Image> images = client.listImagesCmd().withImageNameFilter(repository).exec();
    for (Image image : images) {
      try {
        client.removeImageCmd(image.getId()).withForce(true).exec();
      } catch (RuntimeException e) {
        System.err.println("could not remove " + image.getId() + ": " + e.getMessage());
      }
    }
  }

  /** What a container printed and how it ended. */
  record Run(int exitCode, String stdout, String stderr) {}

  /** The hardening every sandbox gets: the runtime's flags, as the issue lists them. */
  static HostConfig hardened() {
    return hardened(256);
  }

  /** {@link #hardened()} with another memory limit. */
  static HostConfig hardened(long memoryMiB) {
    return HostConfig.newHostConfig()
        .withNetworkMode("none")
        .withReadonlyRootfs(true)
        .withCapDrop(Capability.ALL)
        .withSecurityOpts(List.of("no-new-privileges"))
        .withPidsLimit(128L)
        .withMemory(memoryMiB * 1024 * 1024)
        .withMemorySwap(memoryMiB * 1024 * 1024)
        .withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,size=64m"));
  }

  /**
   * Runs {@code image} to its end and removes the container.
   *
   * @param entrypoint replaces the image's entrypoint when not empty
   */
  Run run(
      String image,
      HostConfig host,
      String user,
      List<String> env,
      List<String> entrypoint,
      List<String> command)
      throws InterruptedException {
    CreateContainerCmd create =
        client
            .createContainerCmd(image)
            .withHostConfig(host)
            .withUser(user)
            .withEnv(env)
            .withLabels(Map.of("dev.perstack.test", "sandbox-image"));
    if (!entrypoint.isEmpty()) {
      create.withEntrypoint(entrypoint);
    }
    if (!command.isEmpty()) {
      create.withCmd(command);
    }
    String id = create.exec().getId();
    try {
      client.startContainerCmd(id).exec();
      int code =
          client
              .waitContainerCmd(id)
              .exec(new WaitContainerResultCallback())
              .awaitStatusCode(60, TimeUnit.SECONDS);
      StringBuilder out = new StringBuilder();
      StringBuilder err = new StringBuilder();
      client
          .logContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                  (frame.getStreamType() == StreamType.STDERR ? err : out).append(text);
                }
              })
          .awaitCompletion(30, TimeUnit.SECONDS);
      return new Run(code, out.toString(), err.toString());
    } finally {
      client.removeContainerCmd(id).withForce(true).exec();
    }
  }

  @Override
  public void close() throws Exception {
    client.close();
  }
}
