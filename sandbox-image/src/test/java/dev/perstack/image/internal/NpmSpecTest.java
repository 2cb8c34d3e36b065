package dev.perstack.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpmSpecTest {
  @Nested
  class Accepted {
    @Test
    void aScopedNameWithAnExactVersion() {
      NpmSpec spec = NpmSpec.parse("@modelcontextprotocol/server-filesystem@2026.8.31");

      assertThat(spec.name()).isEqualTo("@modelcontextprotocol/server-filesystem");
      assertThat(spec.version()).contains("2026.8.31");
      assertThat(spec).hasToString("@modelcontextprotocol/server-filesystem@2026.8.31");
    }

    @Test
    void aBareNameMeansTheLatestVersion() {
      NpmSpec spec = NpmSpec.parse("left-pad");

      assertThat(spec.name()).isEqualTo("left-pad");
      assertThat(spec.version()).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkg@^1.2.0", "pkg@latest", "pkg@>=1 <2", "@s/pkg@1.0.0-beta.1"})
    void rangesAndDistTags(String text) {
      assertThat(NpmSpec.parse(text).version()).isPresent();
    }
  }

  @Nested
  class Refused {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://example.com/pkg.tgz",
          "git+https://github.com/a/b.git",
          "file:../pkg",
          "alias@npm:pkg@1.0.0",
          "github:user/repo",
        })
    void specsThatDoNotComeFromTheRegistry(String text) {
      assertThatThrownBy(() -> NpmSpec.parse(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("only registry packages");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user/repo", "@scope", "-rf", "pkg@", "pkg@1.0;rm", " pkg"})
    void namesAndVersionsNpmWouldNotTakeFromTheRegistry(String text) {
      assertThatThrownBy(() -> NpmSpec.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
