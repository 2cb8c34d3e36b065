package dev.perstack.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BaseImageRecipeTest {
  private static final BaseImageRecipe RECIPE =
      new BaseImageRecipe("bookworm", "apt", List.of("nodejs", "ca-certificates"), "1");

  @Nested
  class InputDigest {
    @Test
    void isSixtyFourHexDigits() {
      assertThat(RECIPE.inputDigest()).matches("[0-9a-f]{64}");
    }

    @Test
    void doesNotDependOnThePackageOrder() {
      BaseImageRecipe reordered =
          new BaseImageRecipe("bookworm", "apt", List.of("ca-certificates", "nodejs"), "1");

      assertThat(reordered.inputDigest()).isEqualTo(RECIPE.inputDigest());
    }

    @Test
    void changesWithEveryInput() {
      assertThat(
              List.of(
                  RECIPE.withRecipeVersion("2").inputDigest(),
                  new BaseImageRecipe("trixie", "apt", RECIPE.packages(), "1").inputDigest(),
                  new BaseImageRecipe("bookworm", "minbase", RECIPE.packages(), "1").inputDigest(),
                  new BaseImageRecipe("bookworm", "apt", List.of("nodejs"), "1").inputDigest()))
          .doesNotContain(RECIPE.inputDigest())
          .doesNotHaveDuplicates();
    }

    @Test
    void ofTheDefaultRecipeNamesTheJreNodeAndNpm() {
      assertThat(BaseImageRecipe.DEFAULT.packages())
          .contains("openjdk-17-jre-headless", "nodejs", "npm", "ca-certificates");
    }
  }

  @Nested
  class Validation {
    @Test
    void rejectsAnOptionDisguisedAsAPackage() {
      assertThatThrownBy(
              () -> new BaseImageRecipe("bookworm", "apt", List.of("--allow-unauthenticated"), "1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a Debian package name");
    }

    @Test
    void rejectsAnUnknownVariant() {
      assertThatThrownBy(() -> new BaseImageRecipe("bookworm", "buildd", RECIPE.packages(), "1"))
          .hasMessageContaining("unsupported mmdebstrap variant 'buildd'");
    }

    @Test
    void rejectsASuiteWithSpaces() {
      assertThatThrownBy(() -> new BaseImageRecipe("bookworm main", "apt", RECIPE.packages(), "1"))
          .hasMessageContaining("not a Debian suite name");
    }

    @Test
    void rejectsNoPackagesAndDuplicates() {
      assertThatThrownBy(() -> new BaseImageRecipe("bookworm", "apt", List.of(), "1"))
          .hasMessageContaining("at least one package");
      assertThatThrownBy(
              () -> new BaseImageRecipe("bookworm", "apt", List.of("nodejs", "nodejs"), "1"))
          .hasMessageContaining("listed twice");
    }

    @Test
    void rejectsAVersionWithASlash() {
      assertThatThrownBy(() -> RECIPE.withRecipeVersion("1/2"))
          .hasMessageContaining("recipe version");
    }
  }
}
