package dev.perstack.controlplane.sandbox.docker;

import dev.perstack.controlplane.sandbox.SandboxException;

/** Gives the docker runtime the id ({@code sha256:...}) of the local sandbox image to start. */
@FunctionalInterface
public interface SandboxImageSource {

  /** The image id, building the image first when it is missing. Never pulls. */
  String imageId() throws SandboxException;

  /** Forgets a remembered id (the engine no longer has that image); the next call looks again. */
  default void forget() {}

  /** Always the given, already present image. */
  static SandboxImageSource fixed(String imageId) {
    return () -> imageId;
  }
}
