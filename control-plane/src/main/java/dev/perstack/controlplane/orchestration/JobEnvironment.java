package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.gateway.ProviderEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The variables a job may use: the process environment with the dotenv files of {@code envPath}
 * merged over it, in order (as the reference says), resolved next to perstack.toml. The same
 * reading serves the model gateway's credentials and the skills' requiredEnv.
 */
public final class JobEnvironment {
  private JobEnvironment() {}

  public static Map<String, String> load(
      Path configDirectory, List<String> envPath, Map<String, String> process) {
    try {
      return ProviderEnvironment.load(process, configDirectory, envPath).variables();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
