package dev.perstack.controlplane.gateway;

import dev.perstack.controlplane.gateway.internal.ProviderAdapters;

/**
 * Chooses the {@link ModelProvider} that answers a job: the adapter of its provider, or one fixed
 * provider such as a {@link CassetteModelProvider}. Closing releases shared HTTP clients.
 */
@FunctionalInterface
public interface ModelProviders extends AutoCloseable {

  /** The provider for {@code job}. */
  ModelProvider providerFor(JobModel job);

  @Override
  default void close() {}

  /** The adapters of all eight providers, sharing one HTTP/1.1 client. */
  static ModelProviders standard() {
    return new ProviderAdapters();
  }

  /** {@code provider} for every job, whatever its configuration: cassette mode. */
  static ModelProviders only(ModelProvider provider) {
    return job -> provider;
  }
}
