package dev.perstack.lockfile.config;

import java.util.List;
import java.util.OptionalInt;

/** Options for provider-native tools ({@code providerToolOptions}). */
public record ProviderToolOptions(
    OptionalInt webSearchMaxUses,
    List<String> webSearchAllowedDomains,
    OptionalInt webFetchMaxUses,
    List<String> fileSearchVectorStoreIds,
    OptionalInt fileSearchMaxNumResults) {

  /** No options set. */
  public static final ProviderToolOptions NONE =
      new ProviderToolOptions(
          OptionalInt.empty(), List.of(), OptionalInt.empty(), List.of(), OptionalInt.empty());

  public ProviderToolOptions {
    webSearchAllowedDomains = List.copyOf(webSearchAllowedDomains);
    fileSearchVectorStoreIds = List.copyOf(fileSearchVectorStoreIds);
  }
}
