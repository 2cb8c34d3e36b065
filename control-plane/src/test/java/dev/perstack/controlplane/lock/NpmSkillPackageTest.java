package dev.perstack.controlplane.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.lockfile.config.McpStdioSkill;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NpmSkillPackageTest {

  @Nested
  class WhatItPins {
    @Test
    void aPackageNameWithAVersionIsPinnedByName() {
      var pkg = NpmSkillPackage.of(skill("npx", Optional.of("@scope/server@1.2.3"), List.of()));

      assertThat(pkg)
          .contains(new NpmSkillPackage("@scope/server@1.2.3", "@scope/server", List.of()));
    }

    @Test
    void theFirstArgumentAfterNpxFlagsIsThePackageAndTheRestGoToTheServer() {
      var pkg =
          NpmSkillPackage.of(
              skill("npx", Optional.empty(), List.of("-y", "server-x@^2", "/workspace", "--ro")));

      assertThat(pkg)
          .contains(new NpmSkillPackage("server-x@^2", "server-x", List.of("/workspace", "--ro")));
    }

    @Test
    void anUnversionedScopedPackageKeepsItsWholeName() {
      assertThat(NpmSkillPackage.nameOf("s", "@modelcontextprotocol/server-filesystem"))
          .isEqualTo("@modelcontextprotocol/server-filesystem");
    }

    @Test
    void otherCommandsAreNotPinned() {
      assertThat(NpmSkillPackage.of(skill("uvx", Optional.of("mcp-server-git"), List.of())))
          .isEmpty();
      assertThat(NpmSkillPackage.of(skill("node", Optional.empty(), List.of("server.js"))))
          .isEmpty();
    }
  }

  @Nested
  class WhatItRefuses {
    @Test
    void npxOptionsThatChangeWhatRunsNameTheSkillAndTheFix() {
      assertThatThrownBy(
              () ->
                  NpmSkillPackage.of(
                      skill("npx", Optional.empty(), List.of("--package", "x", "run-x"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("skill s")
          .hasMessageContaining("--package")
          .hasMessageContaining("packageName");
    }

    @Test
    void aSpecThatIsNotFromTheRegistryNamesTheSkill() {
      assertThatThrownBy(
              () ->
                  NpmSkillPackage.of(
                      skill("npx", Optional.of("git+https://example.invalid/x.git"), List.of())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("skill s: ")
          .hasMessageContaining("registry");
    }

    @Test
    void npxWithOnlyFlagsHasNoPackage() {
      assertThatThrownBy(() -> NpmSkillPackage.of(skill("npx", Optional.empty(), List.of("-y"))))
          .hasMessageContaining("without a package");
    }
  }

  private static McpStdioSkill skill(String command, Optional<String> pkg, List<String> args) {
    return new McpStdioSkill(
        "s",
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        command,
        pkg,
        args,
        List.of(),
        List.of(),
        false);
  }
}
