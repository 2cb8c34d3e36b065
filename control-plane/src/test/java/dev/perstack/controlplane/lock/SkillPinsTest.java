package dev.perstack.controlplane.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.config.PerstackConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillPinsTest {
  @TempDir Path dir;

  @Nested
  class Collecting {
    @Test
    void onePackageServesEverySkillThatNamesIt() throws Exception {
      SkillPins pins =
          SkillPins.of(
              load(
                  """
                  [experts."a"]
                  instruction = "a"
                  [experts."a".skills.fs]
                  type = "mcpStdioSkill"
                  command = "npx"
                  packageName = "fs-server@1.0.0"
                  [experts."b"]
                  instruction = "b"
                  [experts."b".skills.files]
                  type = "mcpStdioSkill"
                  command = "npx"
                  args = ["-y", "fs-server@1.0.0", "/workspace"]
                  [experts."b".skills.git]
                  type = "mcpStdioSkill"
                  command = "uvx"
                  packageName = "mcp-server-git"
                  """));

      assertThat(pins.specs()).containsExactly("fs-server@1.0.0");
      assertThat(pins.bySkill())
          .containsEntry("a", Map.of("fs", "fs-server"))
          .containsEntry("b", Map.of("files", "fs-server"));
      assertThat(pins.unpinned()).singleElement().asString().contains("git").contains("uvx");
    }
  }

  @Nested
  class Refusing {
    @Test
    void twoVersionsOfOnePackageNameBothSkills() throws Exception {
      InstallException e =
          catchThrowableOfType(
              () ->
                  SkillPins.of(
                      load(
                          """
                          [experts."a"]
                          instruction = "a"
                          [experts."a".skills.one]
                          type = "mcpStdioSkill"
                          command = "npx"
                          packageName = "fs-server@1.0.0"
                          [experts."a".skills.two]
                          type = "mcpStdioSkill"
                          command = "npx"
                          packageName = "fs-server@2.0.0"
                          """)),
              InstallException.class);

      assertThat(e.getMessage())
          .contains("skill `two`")
          .contains("skill `one`")
          .contains("same version");
    }
  }

  private PerstackConfig load(String toml) throws Exception {
    Path file = dir.resolve("perstack.toml");
    Files.writeString(file, toml);
    return PerstackConfigLoader.load(file).config();
  }
}
