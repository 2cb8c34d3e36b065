package dev.perstack.controlplane.service;

import dev.perstack.controlplane.sandbox.SandboxRuntime;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The container runtimes this build has (found with {@link ServiceLoader}), besides {@code local}.
 */
final class SandboxRuntimes {
  private SandboxRuntimes() {}

  static List<SandboxRuntime> available() {
    return ServiceLoader.load(SandboxRuntime.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }
}
