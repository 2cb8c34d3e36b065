package dev.perstack.image.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local Docker engine through docker-java: find, tag and remove images, read files out of them.
 */
public final class Engine implements AutoCloseable {
  private final DockerClient client;
  private final String host;
  private final boolean owned;

  private Engine(DockerClient client, String host, boolean owned) {
    this.client = client;
    this.host = host;
    this.owned = owned;
  }

  /** A client for the engine named by {@code DOCKER_HOST} (default: the local Unix socket). */
  public static Engine connect() {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(8)
            .connectionTimeout(Duration.ofSeconds(10))
            .responseTimeout(Duration.ofMinutes(5))
            .build();
    return new Engine(
        DockerClientImpl.getInstance(config, http), config.getDockerHost().toString(), true);
  }

  /** Uses a client owned by the caller; {@link #close()} leaves it open. */
  public static Engine using(DockerClient client) {
    return new Engine(client, "the caller's Docker client", false);
  }

  /** Where the engine is, for messages. */
  public String host() {
    return host;
  }

  /** The docker-java client. */
  public DockerClient client() {
    return client;
  }

  /** Fails when the engine does not answer. */
  public void ping() {
    client.pingCmd().exec();
  }

  /** The image with this reference or id, if the engine has it. */
  public Optional<LocalImage> inspect(String referenceOrId) {
    try {
      InspectImageResponse r = client.inspectImageCmd(referenceOrId).exec();
      Map<String, String> labels = r.getConfig() == null ? null : r.getConfig().getLabels();
      long size = r.getSize() == null ? 0 : r.getSize();
      return Optional.of(new LocalImage(r.getId(), realTags(r.getRepoTags()), labels, size));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** The diff ids of the image's layers, base first, if the engine has the image. */
  public Optional<List<String>> layers(String referenceOrId) {
    try {
      InspectImageResponse r = client.inspectImageCmd(referenceOrId).exec();
      return Optional.of(
          r.getRootFS() == null || r.getRootFS().getLayers() == null
              ? List.of()
              : List.copyOf(r.getRootFS().getLayers()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** The images that carry all these labels. */
  public List<LocalImage> withLabels(Map<String, String> labels) {
    List<Image> images = client.listImagesCmd().withLabelFilter(labels).exec();
    return images.stream()
        .map(
            i ->
                new LocalImage(
                    i.getId(),
                    realTags(i.getRepoTags() == null ? null : Arrays.asList(i.getRepoTags())),
                    i.getLabels(),
                    i.getSize() == null ? 0 : i.getSize()))
        .toList();
  }

  /** Reads what {@link #readFromImage} copies out of an image. */
  @FunctionalInterface
  public interface ArchiveReader<T> {
    T read(InputStream tar) throws IOException;
  }

  /**
   * Reads {@code path} out of an image without running anything: creates a container (never
   * started, no network), copies the path out as a tar and removes the container; empty when the
   * image has no such path.
   */
  public <T> Optional<T> readFromImage(String image, String path, ArchiveReader<T> reader)
      throws IOException {
    String id =
        client
            .createContainerCmd(image)
            .withLabels(Map.of(Labels.READER, "true"))
            .withNetworkDisabled(true)
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
            .exec()
            .getId();
    try {
      InputStream tar;
      try {
        tar = client.copyArchiveFromContainerCmd(id, path).exec();
      } catch (NotFoundException e) {
        return Optional.empty();
      }
      try (tar) {
        return Optional.of(reader.read(tar));
      }
    } finally {
      client.removeContainerCmd(id).withForce(true).exec();
    }
  }

  /** Gives the image a {@code repository:tag}. */
  public void tag(String imageId, String reference) {
    int colon = reference.lastIndexOf(':');
    client
        .tagImageCmd(imageId, reference.substring(0, colon), reference.substring(colon + 1))
        .exec();
  }

  /** Removes an image (by id or reference); false when a container still uses it. */
  public boolean remove(String referenceOrId) {
    try {
      client.removeImageCmd(referenceOrId).withForce(true).exec();
      return true;
    } catch (NotFoundException e) {
      return true;
    } catch (ConflictException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    if (owned) {
      client.close();
    }
  }

  private static List<String> realTags(List<String> tags) {
    return tags == null ? List.of() : tags.stream().filter(t -> !t.startsWith("<none>")).toList();
  }
}
