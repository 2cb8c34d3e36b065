package dev.perstack.controlplane.sandbox;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a runtime needs to start one job's sandbox.
 *
 * @param socketDirectory the job's socket directory, to be mounted at {@code /run/perstack}
 * @param jobToken the one-time token the agent proves; the only secret the sandbox gets
 * @param workspace the directory the job may read and write
 * @param logFile where the sandbox's own output goes
 * @param image the image to run instead of the runtime's own (a lock's), for runtimes with images
 */
public record SandboxRequest(
    String jobId,
    Path socketDirectory,
    String jobToken,
    Path workspace,
    Path logFile,
    Optional<String> image) {
  public SandboxRequest {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(socketDirectory, "socketDirectory");
    Objects.requireNonNull(jobToken, "jobToken");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(logFile, "logFile");
  }

  /** A request that runs the runtime's own image. */
  public SandboxRequest(
      String jobId, Path socketDirectory, String jobToken, Path workspace, Path logFile) {
    this(jobId, socketDirectory, jobToken, workspace, logFile, Optional.empty());
  }
}
