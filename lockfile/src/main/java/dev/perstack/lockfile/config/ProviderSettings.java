package dev.perstack.lockfile.config;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code [provider.setting]} table; which keys a provider accepts is checked by the loader, so
 * a key that does not apply to the chosen provider is always empty here.
 */
public record ProviderSettings(
    Optional<String> baseUrl,
    Map<String, String> headers,
    Optional<String> organization,
    Optional<String> project,
    Optional<String> name,
    Optional<String> resourceName,
    Optional<String> apiVersion,
    Optional<Boolean> useDeploymentBasedUrls,
    Optional<String> region,
    Optional<String> location) {

  /** No settings: everything comes from the environment. */
  public static final ProviderSettings NONE =
      new ProviderSettings(
          Optional.empty(),
          Map.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  public ProviderSettings {
    headers = Map.copyOf(headers);
  }
}
