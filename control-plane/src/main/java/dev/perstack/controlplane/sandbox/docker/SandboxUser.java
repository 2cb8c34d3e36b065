package dev.perstack.controlplane.sandbox.docker;

import dev.perstack.controlplane.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The uid and gid a job's container runs as, and whether the control plane must hand the job's
 * directories to it.
 *
 * <p>When the control plane runs as root, containers run as {@value #DEFAULT_UID}:{@value
 * #DEFAULT_UID} (a uid no host account uses), and before each start the job's socket directory
 * (0700) and socket (0600) and the workspace tree are chowned to it: the sandbox can then write the
 * workspace although nothing is made group- or world-writable, and no other job's directory is
 * reachable. When the control plane runs as an ordinary user, only root may change owners, so the
 * containers run as that user's own uid and gid (never root), which already owns both directories;
 * nothing on the host changes owner.
 *
 * @param handOver whether the socket directory and the workspace must be chowned to this user
 */
public record SandboxUser(int uid, int gid, boolean handOver) {
  /** The sandbox uid (and gid) when the control plane runs as root. */
  public static final int DEFAULT_UID = 10001;

  public SandboxUser {
    if (uid <= 0 || gid <= 0) {
      throw new IllegalArgumentException(
          "a sandbox never runs as root or group root, got " + uid + ":" + gid);
    }
  }

  /** {@code uid:gid}, as Docker's {@code User} takes it. */
  public String spec() {
    return uid + ":" + gid;
  }

  /**
   * Chooses the user for a control plane running as {@code processUid}/{@code processGid}.
   *
   * @throws SandboxException when a uid is configured that this process cannot hand directories to
   */
  public static SandboxUser choose(OptionalInt configured, int processUid, int processGid)
      throws SandboxException {
    if (processUid == 0) {
      int uid = configured.orElse(DEFAULT_UID);
      return new SandboxUser(uid, uid, true);
    }
    if (configured.isPresent() && configured.getAsInt() != processUid) {
      throw new SandboxException(
          "the docker runtime is configured to run containers as uid "
              + configured.getAsInt()
              + ", but this control plane runs as uid "
              + processUid
              + " and cannot give that uid its socket directory and workspace (only root can"
              + " change owners); run the control plane as root, or leave the sandbox uid unset"
              + " so that containers run as uid "
              + processUid);
    }
    if (processGid == 0) {
      throw new SandboxException(
          "this control plane runs as uid "
              + processUid
              + " with primary group root (gid 0); a sandbox must not run with group root: start"
              + " the control plane with another primary group (e.g. `sg docker`)");
    }
    return new SandboxUser(processUid, processGid, false);
  }

  /** Chooses the user for this process (its uid and gid, read from {@code /proc/self}). */
  public static SandboxUser forThisProcess(OptionalInt configured) throws SandboxException {
    try {
      Path self = Path.of("/proc/self");
      int uid = (Integer) Files.getAttribute(self, "unix:uid");
      int gid = (Integer) Files.getAttribute(self, "unix:gid");
      return choose(configured, uid, gid);
    } catch (IOException | UnsupportedOperationException e) {
      throw new SandboxException(
          "cannot tell which user this control plane runs as (reading /proc/self failed: "
              + e.getMessage()
              + "); the docker runtime needs Linux with /proc mounted",
          e);
    }
  }
}
