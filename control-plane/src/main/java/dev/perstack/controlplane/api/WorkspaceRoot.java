package dev.perstack.controlplane.api;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The directory API clients' paths must stay inside ({@code perstack.workspace-root}, default the
 * server's working directory), so a token holder cannot mount an arbitrary host path into a
 * sandbox.
 */
final class WorkspaceRoot {
  private WorkspaceRoot() {}

  static Path root() {
    return Path.of(
            ConfigProvider.getConfig()
                .getOptionalValue("perstack.workspace-root", String.class)
                .orElse(""))
        .toAbsolutePath()
        .normalize();
  }

  /** {@code relative} resolved inside the root, or empty when it would leave it. */
  static Optional<Path> resolve(String relative) {
    Path root = root();
    Path resolved = root.resolve(relative).normalize();
    return resolved.startsWith(root) ? Optional.of(resolved) : Optional.empty();
  }
}
