package dev.perstack.image;

import dev.perstack.image.internal.Engine;

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
}
