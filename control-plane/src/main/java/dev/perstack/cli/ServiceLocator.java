package dev.perstack.cli;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;

/**
 * Gives service commands ({@code run}, {@code serve}, {@code jobs}, {@code log}, {@code audit}) the
 * control plane's beans; those commands run only in the service mode the launcher boots for them.
 */
final class ServiceLocator {
  private ServiceLocator() {}

  static <T> T get(Class<T> type, String command) {
    ArcContainer container = Arc.container();
    if (container == null || !container.isRunning()) {
      throw new IllegalStateException(
          "`perstack "
              + command
              + "` needs the Perstack service, which this process did not"
              + " start; run it through ./perstack, which starts the service for it");
    }
    return container.instance(type).get();
  }
}
