package dev.perstack.controlplane.sandbox;

import java.util.List;

/** Starts job sandboxes; one implementation per kind ({@code docker}, {@code local}, ...). */
public interface SandboxRuntime {

  /** The runtime's name, as in {@code perstack.toml} and {@code --runtime}. */
  String name();

  /** Starts the sandbox; the agent inside connects to the request's socket on its own. */
  SandboxHandle start(SandboxRequest request) throws SandboxException;

  /**
   * Whether this runtime can start {@code image} (a locked image's id); runtimes that use no images
   * say yes.
   */
  default boolean hasImage(String image) {
    return true;
  }

  /** Whether sandboxes of this runtime run from images (a lock's image then applies). */
  default boolean usesImages() {
    return false;
  }

  /**
   * Removes the sandboxes that the control plane named {@code owner} left when it went away, and
   * returns their jobs' ids. Runtimes whose sandboxes end with their connection have none.
   */
  default List<String> reap(String owner) throws SandboxException {
    return List.of();
  }
}
