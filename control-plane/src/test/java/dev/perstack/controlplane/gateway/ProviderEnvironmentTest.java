package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.controlplane.gateway.internal.Dotenv;
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

  @Test
  void dotenvSyntax() {
    Map<String, String> parsed =
        Dotenv.parse(
            String.join(
                "\n",
                "# a comment",
                "export PLAIN=value # trailing comment",
                "SINGLE='literal \\n # not a comment'",
                "DOUBLE=\"two\\nlines\"",
                "MULTI=\"first",
                "second\"",
                "EMPTY=",
                "SPACED = padded  ",
                "URL=https://example.test/v1?a=b#frag",
                "not a line",
                "ANTHROPIC_API_KEY=sk-ant-123"));

    assertThat(parsed)
        .containsEntry("PLAIN", "value")
        .containsEntry("SINGLE", "literal \\n # not a comment")
        .containsEntry("DOUBLE", "two\nlines")
        .containsEntry("MULTI", "first\nsecond")
        .containsEntry("EMPTY", "")
        .containsEntry("SPACED", "padded")
        .containsEntry("ANTHROPIC_API_KEY", "sk-ant-123");
    // As the dotenv package does, an unquoted # starts a comment.
    assertThat(parsed.get("URL")).isEqualTo("https://example.test/v1?a=b");
  }
}
