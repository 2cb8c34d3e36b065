package dev.perstack.controlplane.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.perstack.controlplane.sandbox.SandboxException;
import dev.perstack.controlplane.sandbox.ScratchDirectory;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.listing.ToolListing;
import dev.perstack.protocol.listing.ToolListingRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code perstack install}'s tool listing: runs the agent's listing mode in a throw-away container
 * with a job's hardening (no network, read-only root, no capabilities) and reads the listing from
 * its standard output.
 */
public final class DockerToolListing {
  // The kernel refuses a single environment string over 128 KiB.
  private static final int MAX_REQUEST_BYTES = 120 * 1024;
  private static final int STDERR_TAIL_LINES = 20;

  private final DockerClient docker;
  private final DockerSandboxSettings settings;
  private final ProtocolCodec codec = ProtocolCodec.create();

  /** Lists tools in containers of {@code docker}, hardened and labelled as {@code settings} say. */
  public DockerToolListing(DockerClient docker, DockerSandboxSettings settings) {
    this.docker = docker;
    this.settings = settings;
  }

  /**
   * Starts the MCP skills of {@code request} once in a container of {@code image} and returns their
   * tools; the container is removed afterwards, whatever happened.
   */
  public ToolListing list(String image, ToolListingRequest request, Duration timeout)
      throws SandboxException {
    SandboxUser user = SandboxUser.forThisProcess(settings.sandboxUid());
    String json = codec.encode(request);
    if (json.getBytes(StandardCharsets.UTF_8).length > MAX_REQUEST_BYTES) {
      throw new SandboxException(
          "the tool listing request is over "
              + MAX_REQUEST_BYTES / 1024
              + " KiB ("
              + request.skills().size()
              + " skills); list fewer skills per expert");
    }
    String id = null;
    try (ScratchDirectory workspace = ScratchDirectory.create("perstack-listing-workspace");
        ScratchDirectory empty = ScratchDirectory.create("perstack-listing-run")) {
      JobDirectories dirs = JobDirectories.scratch(workspace.path(), empty.path(), user);
      String name = "perstack-install-" + UUID.randomUUID().toString().substring(0, 12);
      ContainerSpec spec = ContainerSpec.forToolListing(name, image, user, dirs, settings, json);
      try {
        id = spec.command(docker).exec().getId();
      } catch (NotFoundException e) {
        throw new SandboxException(
            "the image " + image + " is not in the local Docker engine; run `perstack install`", e);
      }
      docker.startContainerCmd(id).exec();
      Integer exit = awaitExit(id, timeout);
      Output output = output(id);
      if (exit == null) {
        throw new SandboxException(
            "the skills did not list their tools within "
                + timeout.toSeconds()
                + " s; their output:\n"
                + output.stderrTail()
                + "\ncheck that each skill starts without the network");
      }
      if (exit != 0) {
        throw new SandboxException(
            "listing the skills' tools failed (exit "
                + exit
                + "):\n"
                + output.stderrTail()
                + "\nfix the skill named above (its command, args or requiredEnv) and run"
                + " `perstack install` again");
      }
      return codec.decode(output.lastStdoutLine(), ToolListing.class);
    } catch (ProtocolException e) {
      throw new SandboxException(
          "the agent's tool listing could not be read (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new SandboxException("cannot prepare the tool listing's directories: " + e, e);
    } catch (RuntimeException e) {
      throw new SandboxException(
          "the Docker engine failed while listing the skills' tools ("
              + e.getMessage()
              + "); check `docker info`",
          e);
    } finally {
      if (id != null) {
        remove(id);
      }
    }
  }

  private Integer awaitExit(String id, Duration timeout) {
    try (WaitContainerResultCallback wait =
        docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
      return wait.awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (DockerClientException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Output output(String id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      docker
          .logContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .withFollowStream(false)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  (frame.getStreamType() == StreamType.STDERR ? err : out)
                      .writeBytes(frame.getPayload());
                }
              })
          .awaitCompletion(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private void remove(String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).exec();
    } catch (RuntimeException e) {
      // The container has exited or been killed; a leftover carries the managed label for `docker
      // rm`.
    }
  }

  private record Output(String stdout, String stderr) {
    String lastStdoutLine() {
      List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    String stderrTail() {
      String[] lines = stderr.split("\n");
      return String.join(
          "\n",
          Arrays.asList(lines)
              .subList(Math.max(0, lines.length - STDERR_TAIL_LINES), lines.length));
    }
  }
}
