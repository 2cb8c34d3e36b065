package dev.perstack.lockfile.config.internal;

import dev.perstack.lockfile.config.ProviderConfig;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSettings;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code [provider]} table and its {@code [provider.setting]} for the chosen provider.
 */
final class ProviderReader {
  private static final List<String> NAMES =
      Arrays.stream(ProviderName.values()).map(ProviderName::word).toList();

  private ProviderReader() {}

  /** The provider, or empty when the table is broken (the problems are recorded). */
  static Optional<ProviderConfig> read(TableReader provider) {
    Set<String> known = new TreeSet<>(KnownKeys.PROVIDER);
    known.addAll(KnownKeys.MISPLACED_IN_PROVIDER);
    provider.warnUnknownKeys(known, Map.of("experts", "it is a top-level table"));

    Object rawName = provider.raw("providerName");
    if (rawName == null) {
      provider.tableError(
          "`[provider]` has no `providerName`",
          "add providerName = one of " + String.join(", ", NAMES));
      return Optional.empty();
    }
    Optional<ProviderName> name =
        rawName instanceof String text ? ProviderName.fromWord(text) : Optional.empty();
    if (name.isEmpty()) {
      String hint = rawName instanceof String text ? DidYouMean.hint(text, NAMES) : "";
      provider.error(
          "providerName",
          "`provider.providerName` is " + TomlTypes.describe(rawName) + ", not a known provider",
          (hint.isEmpty() ? "" : hint + " ") + "use one of " + String.join(", ", NAMES));
      return Optional.empty();
    }
    Optional<TableReader> setting = provider.table("setting");
    if (setting.isEmpty()) {
      return provider.has("setting")
          ? Optional.empty()
          : Optional.of(new ProviderConfig(name.get(), ProviderSettings.NONE));
    }
    return settings(name.get(), setting.get()).map(s -> new ProviderConfig(name.get(), s));
  }

  private static Optional<ProviderSettings> settings(ProviderName provider, TableReader setting) {
    int mark = setting.problems().mark();
    Set<String> accepted = KnownKeys.PROVIDER_SETTINGS.get(provider);
    Map<String, String> others = new LinkedHashMap<>();
    KnownKeys.PROVIDER_SETTINGS.forEach(
        (other, keys) ->
            keys.stream()
                .filter(k -> !accepted.contains(k))
                .forEach(
                    k ->
                        others.putIfAbsent(
                            k,
                            "it is a setting of " + other.word() + ", not of " + provider.word())));
    setting.warnUnknownKeys(accepted, others);

    Optional<String> baseUrl =
        accepted.contains("baseUrl") ? setting.string("baseUrl", 2048) : Optional.empty();
    baseUrl.ifPresent(
        url ->
            ProviderUrls.whyNotUsable(url, provider == ProviderName.OLLAMA)
                .ifPresent(
                    why ->
                        setting.error(
                            "baseUrl",
                            "`provider.setting.baseUrl` (`" + url + "`) " + why,
                            "use https://..., or http:// only to localhost / 127.0.0.1 / [::1]")));
    Map<String, String> headers = accepted.contains("headers") ? headers(setting) : Map.of();
    ProviderSettings settings =
        new ProviderSettings(
            baseUrl,
            headers,
            optional(setting, accepted, "organization"),
            optional(setting, accepted, "project"),
            optional(setting, accepted, "name"),
            optional(setting, accepted, "resourceName"),
            optional(setting, accepted, "apiVersion"),
            accepted.contains("useDeploymentBasedUrls")
                ? setting.bool("useDeploymentBasedUrls")
                : Optional.empty(),
            optional(setting, accepted, "region"),
            optional(setting, accepted, "location"));
    return setting.problems().hasErrorsSince(mark) ? Optional.empty() : Optional.of(settings);
  }

  private static Optional<String> optional(TableReader setting, Set<String> accepted, String key) {
    return accepted.contains(key) ? setting.string(key, 1024) : Optional.empty();
  }

  private static Map<String, String> headers(TableReader setting) {
    Optional<TableReader> table = setting.table("headers");
    if (table.isEmpty()) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    TableReader h = table.get();
    for (String name : h.keys()) {
      Optional<String> value = h.string(name, 8192);
      if (value.isEmpty()) {
        continue;
      }
      if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        h.error(name, "header name `" + name + "` is not a valid HTTP header name", "rename it");
      } else if (value.get().contains("\n") || value.get().contains("\r")) {
        h.error(
            name,
            "header `" + name + "` contains a line break, which would inject another header",
            "put the value on one line");
      } else {
        headers.put(name, value.get());
      }
    }
    return headers;
  }
}
