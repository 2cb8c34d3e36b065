package dev.perstack.controlplane.gateway.internal;

import dev.perstack.controlplane.gateway.ProviderCall;
import dev.perstack.controlplane.gateway.ProviderException;
import java.util.Optional;

/** Reads a provider value: the {@code [provider.setting]} value wins over the environment. */
public final class Settings {
  private Settings() {}

  /** The setting if present and not blank, else the first environment variable set. */
  public static Optional<String> pick(
      ProviderCall call, Optional<String> setting, String... variables) {
    if (setting.isPresent() && !setting.get().isBlank()) {
      return setting.map(String::strip);
    }
    for (String variable : variables) {
      Optional<String> value = call.environment().get(variable).map(String::strip);
      if (value.isPresent() && !value.get().isEmpty()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /** An environment variable that must be set, such as an API key. */
  public static String requireVariable(ProviderCall call, String variable)
      throws ProviderException {
    Optional<String> value = call.environment().get(variable).map(String::strip);
    if (value.isEmpty() || value.get().isEmpty()) {
      throw ProviderException.configuration(
          variable + " is not set for provider " + call.provider().name().word(),
          "set it in the control plane's environment or in a dotenv file of envPath"
              + " (.env, .env.local); it never reaches the sandbox");
    }
    return value.get();
  }

  /** {@code url} without trailing slashes. */
  public static String trimSlash(String url) {
    String trimmed = url;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }
}
