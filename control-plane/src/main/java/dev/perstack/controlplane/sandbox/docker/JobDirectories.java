package dev.perstack.controlplane.sandbox.docker;

import dev.perstack.controlplane.sandbox.SandboxException;
import dev.perstack.controlplane.sandbox.SandboxRequest;
import dev.perstack.controlplane.socket.JobSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * The two host directories a job's container mounts, checked and, when the control plane runs as
 * root, handed to the sandbox user (see {@link SandboxUser}).
 *
 * @param workspace the workspace's real path (mounted read-write at {@code /workspace})
 * @param socketDirectory the job's socket directory (mounted read-only at {@code /run/perstack})
 */
record JobDirectories(Path workspace, Path socketDirectory) {
  private static final long CHOWN_TIMEOUT_SECONDS = 300;

  /** Resolves and checks the request's directories and gives them to {@code user} if needed. */
  static JobDirectories prepare(SandboxRequest request, SandboxUser user) throws SandboxException {
    Path workspace = realDirectory(request.workspace(), "workspace");
    Path socketDir = realDirectory(request.socketDirectory(), "socket directory");
    if (socketDir.startsWith(workspace) || workspace.startsWith(socketDir)) {
      throw new SandboxException(
          "the socket directory "
              + socketDir
              + " and the workspace "
              + workspace
              + " overlap; the orchestrator must keep sockets outside every workspace");
    }
    Path socket = socketDir.resolve(JobSocket.FILE_NAME);
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      throw new SandboxException(
          "no socket at "
              + socket
              + "; the orchestrator must listen on the job's socket before it starts the sandbox");
    }
    if (user.handOver()) {
      handOverSocket(socketDir, socket, user);
      handOverWorkspace(workspace, user);
    }
    return new JobDirectories(workspace, socketDir);
  }

  /**
   * Directories for a container that needs no socket (the tool listing of {@code perstack
   * install}): a scratch workspace, handed to {@code user} if needed, and an empty directory in
   * place of the socket's.
   */
  static JobDirectories scratch(Path workspace, Path emptyDirectory, SandboxUser user)
      throws SandboxException {
    Path real = realDirectory(workspace, "scratch workspace");
    if (user.handOver()) {
      handOverWorkspace(real, user);
    }
    return new JobDirectories(real, realDirectory(emptyDirectory, "scratch directory"));
  }

  private static Path realDirectory(Path path, String what) throws SandboxException {
    try {
      Path real = path.toRealPath();
      if (!Files.isDirectory(real)) {
        throw new SandboxException(
            "the " + what + " " + path + " is not a directory; create it or pass another path");
      }
      return real;
    } catch (IOException e) {
      throw new SandboxException(
          "the "
              + what
              + " "
              + path
              + " cannot be used ("
              + e
              + "); create it or pass another path",
          e);
    }
  }

  // The socket and its directory were just created by this process and no sandbox sees them yet,
  // so plain path operations cannot be raced.
  private static void handOverSocket(Path dir, Path socket, SandboxUser user)
      throws SandboxException {
    try {
      Files.setAttribute(dir, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(dir, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      Files.setAttribute(socket, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(socket, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | UnsupportedOperationException e) {
      throw new SandboxException(
          "cannot give the socket directory "
              + dir
              + " to the sandbox user "
              + user.spec()
              + " ("
              + e
              + "); the control plane must run as root on a POSIX file system to do so",
          e);
    }
  }

  // chown(1) walks the tree with directory file descriptors and never follows a symbolic link, so
  // a link planted in the workspace (say, to /etc) cannot redirect the change of owner.
  private static void handOverWorkspace(Path workspace, SandboxUser user) throws SandboxException {
    ProcessBuilder chown =
        new ProcessBuilder("chown", "-R", "-P", "-h", user.spec(), "--", workspace.toString())
            .redirectErrorStream(true);
    String command = String.join(" ", chown.command());
    try {
      Process process = chown.start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readNBytes(8192);
      if (!process.waitFor(CHOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new SandboxException(
            "giving the workspace to the sandbox user took over "
                + CHOWN_TIMEOUT_SECONDS
                + " s (`"
                + command
                + "`); use a smaller workspace");
      }
      if (process.exitValue() != 0) {
        throw new SandboxException(
            "cannot give the workspace to the sandbox user (`"
                + command
                + "` exited with "
                + process.exitValue()
                + ": "
                + new String(output, StandardCharsets.UTF_8).strip()
                + "); the workspace must be on a local POSIX file system the control plane"
                + " (root) may change");
      }
    } catch (IOException e) {
      throw new SandboxException(
          "cannot run `" + command + "` (" + e.getMessage() + "); install coreutils", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while giving the workspace to the sandbox user", e);
    }
  }
}
