package dev.perstack.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host side of the skills layer's failures; runs the host's npm against the registry. */
class SkillPackagesStageTest {
  @TempDir Path dir;

  @Nested
  class NpmFailures {
    @Test
    void anUnknownPackageNamesTheSpecAndCarriesNpmsLastLines() {
      String spec = "@perstack-nonexistent/no-such-skill@1.0.0";

      assertThatThrownBy(() -> SkillPackagesStage.install(List.of(spec), dir, BuildListener.NONE))
          .isInstanceOfSatisfying(
              ImageBuildException.class,
              e -> {
                assertThat(e.what()).contains("npm could not install " + spec, "E404");
                assertThat(e.where())
                    .hasValueSatisfying(w -> assertThat(w).contains("--ignore-scripts"));
                assertThat(e.fix()).contains("npm view");
                assertThat(e.outputTail()).anyMatch(l -> l.contains("404"));
              });
    }

    @Test
    void aVersionThatDoesNotExistSaysWhichVersionsToLookUp() {
      String spec = "@modelcontextprotocol/server-filesystem@1999.0.0";

      assertThatThrownBy(() -> SkillPackagesStage.install(List.of(spec), dir, BuildListener.NONE))
          .isInstanceOfSatisfying(
              ImageBuildException.class,
              e -> {
                assertThat(e.what()).contains(spec, "ETARGET");
                assertThat(e.fix())
                    .contains("npm view @modelcontextprotocol/server-filesystem versions");
              });
    }

    @Test
    void aMissingNpmSaysToInstallIt() {
      assertThatThrownBy(
              () ->
                  SkillPackagesStage.install(
                      List.of("left-pad@1.3.0"),
                      dir,
                      "perstack-no-such-npm",
                      Duration.ofMinutes(1),
                      BuildListener.NONE))
          .isInstanceOf(ImageBuildException.class)
          .hasMessageContaining("cannot start npm")
          .hasMessageContaining("put npm on PATH");
    }
  }

  @Nested
  class WithoutSpecs {
    @Test
    void stagesOnlyPackageJsonWithoutRunningNpm() throws Exception {
      StagedSkillPackages staged =
          SkillPackagesStage.install(
              List.of(), dir, "perstack-no-such-npm", Duration.ofMinutes(1), BuildListener.NONE);

      assertThat(staged.packages()).isEmpty();
      assertThat(staged.treeDigest()).matches("sha256:[0-9a-f]{64}");
      try (var files = Files.list(dir)) {
        assertThat(files).containsExactly(dir.resolve("package.json"));
      }
    }
  }

  @Nested
  class Refused {
    @Test
    void aSpecThatIsNotFromTheRegistry() {
      assertThatThrownBy(
              () ->
                  SkillPackagesStage.install(
                      List.of("git+https://example.com/x.git"), dir, BuildListener.NONE))
          .isInstanceOf(ImageBuildException.class)
          .hasMessageContaining("only registry packages")
          .hasMessageContaining("name@version");
    }

    @Test
    void aPackageNamedTwice() {
      assertThatThrownBy(
              () ->
                  SkillPackagesStage.install(
                      List.of("left-pad@1.3.0", "left-pad@1.2.0"), dir, BuildListener.NONE))
          .isInstanceOf(ImageBuildException.class)
          .hasMessageContaining("left-pad is named twice");
    }

    @Test
    void aDirectoryThatIsNotEmpty() throws Exception {
      Files.writeString(dir.resolve("stray.txt"), "would end up in the image");

      assertThatThrownBy(
              () -> SkillPackagesStage.install(List.of("left-pad@1.3.0"), dir, BuildListener.NONE))
          .isInstanceOf(ImageBuildException.class)
          .hasMessageContaining("not empty");
    }

    @Test
    void aPackageWithoutExecutableAfterInstallingIt() throws Exception {
      List<BuildProgress> progress = new ArrayList<>();

      assertThatThrownBy(
              () -> SkillPackagesStage.install(List.of("left-pad@1.3.0"), dir, progress::add))
          .isInstanceOf(ImageBuildException.class)
          .hasMessageContaining("left-pad has no executable")
          .hasMessageContaining("cannot be an npx skill");
      assertThat(progress).extracting(BuildProgress::stage).contains(BuildStage.SKILL_PACKAGES);
      assertThat(dir.resolve("node_modules/.bin")).doesNotExist();
    }
  }
}
