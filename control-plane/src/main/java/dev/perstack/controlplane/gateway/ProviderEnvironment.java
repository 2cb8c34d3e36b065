package dev.perstack.controlplane.gateway;

import dev.perstack.controlplane.gateway.internal.Dotenv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables provider credentials and settings are read from: the control plane's process
 * environment with the job's dotenv files ({@code envPath}) merged over it. It lives only in the
 * control plane; {@link #toString()} names the variables, never their values.
 */
public final class ProviderEnvironment {
  private final Map<String, String> variables;

  private ProviderEnvironment(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /** Exactly these variables. */
  public static ProviderEnvironment of(Map<String, String> variables) {
    Objects.requireNonNull(variables, "variables");
    return new ProviderEnvironment(variables);
  }

  /**
   * {@code base} with the dotenv files merged over it in order (a later file wins); relative paths
   * resolve against {@code directory} and a file that does not exist is skipped.
   *
   * @throws IOException when a file exists but cannot be read
   */
  public static ProviderEnvironment load(
      Map<String, String> base, Path directory, List<String> envPath) throws IOException {
    Map<String, String> merged = new LinkedHashMap<>(base);
    for (String file : envPath) {
      merged.putAll(Dotenv.readIfExists(directory.resolve(file)));
    }
    return new ProviderEnvironment(merged);
  }

  /** The value of {@code name}, if set and not empty. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(variables.get(name)).filter(value -> !value.isEmpty());
  }

  /** The names of the variables set, sorted. */
  public Set<String> names() {
    return new TreeSet<>(variables.keySet());
  }

  @Override
  public String toString() {
    return "ProviderEnvironment" + names();
  }
}
