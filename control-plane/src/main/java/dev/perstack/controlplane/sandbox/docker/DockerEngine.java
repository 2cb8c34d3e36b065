package dev.perstack.controlplane.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.perstack.controlplane.sandbox.SandboxException;
import java.time.Duration;

/** Connects to the local Docker engine named by the environment ({@code DOCKER_HOST}). */
public final class DockerEngine {
  // Each running job holds two streaming requests (its exit and its output), plus one for events.
  private static final int MAX_CONNECTIONS = 1024;

  private DockerEngine() {}

  /**
   * A client for the engine at {@code DOCKER_HOST} (default {@code unix:///var/run/docker.sock}),
   * checked with a ping.
   *
   * @throws SandboxException when the engine does not answer
   */
  public static DockerClient connect() throws SandboxException {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(MAX_CONNECTIONS)
            .connectionTimeout(Duration.ofSeconds(5))
            .build();
    DockerClient client = DockerClientImpl.getInstance(config, http);
    try {
      client.pingCmd().exec();
    } catch (RuntimeException e) {
      try {
        client.close();
      } catch (java.io.IOException ignored) {
        // Nothing was opened that matters.
      }
      throw new SandboxException(
          "cannot reach the Docker engine at "
              + config.getDockerHost()
              + " ("
              + e.getMessage()
              + "); start it (`dockerd`, check with `docker info`), point DOCKER_HOST at it, or"
              + " use `--runtime local` (no isolation)",
          e);
    }
    return client;
  }
}
