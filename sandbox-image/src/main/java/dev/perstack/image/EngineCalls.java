package dev.perstack.image;

import dev.perstack.image.internal.Engine;
import dev.perstack.image.internal.LocalImage;

/** Engine calls that turn docker-java's unchecked failures into an {@link ImageBuildException}. */
final class EngineCalls {
  private EngineCalls() {}

  /** One call to the engine. */
  interface Call<T> {
    T run();
  }

  static <T> T call(Engine engine, Call<T> call) throws ImageBuildException {
    try {
      return call.run();
    } catch (RuntimeException e) {
      throw failure(engine, e);
    }
  }

  /** The exception for an unchecked failure of the engine. */
  static ImageBuildException failure(Engine engine, RuntimeException e) {
    return new ImageBuildException(
        "the Docker engine failed: " + e.getMessage(),
        engine.host(),
        "start the engine (as root: dockerd, or .ci/start-dockerd.sh) or set DOCKER_HOST,"
            + " then check 'docker info'",
        e);
  }

  /**
   * Checks that the engine now has the image jib-core said it built under {@code reference}, with
   * the id jib-core reported; {@code kind} names it in messages ("sandbox", "skills").
   */
  static void confirmBuilt(Engine engine, String reference, String imageId, String kind)
      throws ImageBuildException {
    LocalImage loaded =
        call(engine, () -> engine.inspect(reference))
            .orElseThrow(
                () ->
                    new ImageBuildException(
                        "jib-core reported success but the engine has no " + reference,
                        reference,
                        "check 'docker images' and the docker CLI's engine (DOCKER_HOST)",
                        null));
    if (!loaded.id().equals(imageId)) {
      throw new ImageBuildException(
          "the engine's " + reference + " is " + loaded.id() + ", not the built " + imageId,
          reference,
          "do not build " + kind + " images from two processes at once; build again",
          null);
    }
  }
}
