package dev.perstack.controlplane.gateway;

import java.io.IOException;
import java.nio.file.Files;
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
      Path path = directory.resolve(file).normalize();
      if (!Files.isRegularFile(path)) {
        continue;
      }
      try {
        io.github.cdimascio.dotenv.Dotenv dotenv =
            io.github.cdimascio.dotenv.Dotenv.configure()
                .directory(path.getParent().toString())
                .filename(path.getFileName().toString())
                .load();
        dotenv
            .entries(io.github.cdimascio.dotenv.Dotenv.Filter.DECLARED_IN_ENV_FILE)
            .forEach(entry -> merged.put(entry.getKey(), entry.getValue()));
      } catch (io.github.cdimascio.dotenv.DotenvException e) {
        throw new IOException("cannot read the dotenv file " + path + ": " + e.getMessage(), e);
      }
    }
    return new ProviderEnvironment(merged);
  }

  /** Every variable, for callers that hand a subset on (such as a skill's requiredEnv). */
  public Map<String, String> variables() {
    return variables;
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
