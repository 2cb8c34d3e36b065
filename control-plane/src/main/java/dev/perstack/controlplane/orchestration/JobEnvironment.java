package dev.perstack.controlplane.orchestration;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a job's skills may be granted: the process environment with the dotenv files of
 * {@code envPath} merged over it, in order (as the reference says), resolved next to perstack.toml.
 */
public final class JobEnvironment {
  private JobEnvironment() {}

  public static Map<String, String> load(
      Path configDirectory, List<String> envPath, Map<String, String> process) {
    Map<String, String> merged = new LinkedHashMap<>(process);
    for (String file : envPath) {
      Path path = configDirectory.resolve(file).normalize();
      if (!Files.isRegularFile(path)) {
        continue;
      }
      Dotenv dotenv =
          Dotenv.configure()
              .directory(path.getParent().toString())
              .filename(path.getFileName().toString())
              .ignoreIfMalformed()
              .load();
      for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
        merged.put(entry.getKey(), entry.getValue());
      }
    }
    return merged;
  }
}
