package dev.perstack.controlplane.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import dev.perstack.controlplane.sandbox.SandboxException;
import dev.perstack.image.BuildListener;
import dev.perstack.image.ImageBuild;
import dev.perstack.image.ImageBuildException;
import dev.perstack.image.ImageBuildSettings;
import dev.perstack.image.SandboxImage;
import java.util.Objects;

/**
 * The sandbox image of this build of the agent, built in the local engine on first use (the base
 * from Debian packages, the agent's layers with jib-core) and remembered afterwards; a build that
 * is already there takes about a second to confirm.
 */
public final class BuiltSandboxImage implements SandboxImageSource {
  private final DockerClient docker;
  private final ImageBuildSettings settings;
  private final BuildListener listener;
  private SandboxImage image;

  /**
   * @param docker the engine to build in (the docker CLI on PATH must reach the same one)
   * @param listener gets the build's progress (the first build takes a minute or more)
   */
  public BuiltSandboxImage(
      DockerClient docker, ImageBuildSettings settings, BuildListener listener) {
    this.docker = Objects.requireNonNull(docker, "docker");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The image as last built or found, if it was. */
  public synchronized java.util.Optional<SandboxImage> image() {
    return java.util.Optional.ofNullable(image);
  }

  @Override
  public synchronized String imageId() throws SandboxException {
    if (image == null) {
      try (ImageBuild build = ImageBuild.using(docker, settings)) {
        image = build.ensureSandboxImage(listener);
      } catch (ImageBuildException | java.io.IOException e) {
        throw new SandboxException("the sandbox image could not be built: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SandboxException("interrupted while building the sandbox image", e);
      }
    }
    return image.imageId();
  }

  @Override
  public synchronized void forget() {
    image = null;
  }
}
