package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderEnvironmentTest {
  @TempDir Path dir;

  @Test
  void dotenvFilesMergeOverTheProcessEnvironmentInOrder() throws Exception {
    Files.writeString(dir.resolve(".env"), "OPENAI_API_KEY=from-env-file\nSHARED=env\n");
    Files.writeString(dir.resolve(".env.local"), "SHARED=local\n");

    ProviderEnvironment environment =
        ProviderEnvironment.load(
            Map.of("OPENAI_API_KEY", "from-process", "PATH", "/bin"),
            dir,
            List.of(".env", ".env.local", "missing.env"));

    assertThat(environment.get("OPENAI_API_KEY")).contains("from-env-file");
    assertThat(environment.get("SHARED")).contains("local");
    assertThat(environment.get("PATH")).contains("/bin");
    assertThat(environment.get("NOPE")).isEmpty();
    assertThat(environment.toString()).contains("OPENAI_API_KEY").doesNotContain("from-env-file");
  }
}
