package dev.perstack.image.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptSourcesTest {
  private static final String DEB822 =
      """
      Types: deb
      # a comment about a snapshot
      URIs: http://mirror.example/debian
      Suites: bookworm bookworm-updates
      Components: main
      Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

      Types: deb deb-src
      URIs: http://mirror.example/debian-security
      Suites: bookworm-security
      Components: main contrib
      Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

      Types: deb-src
      URIs: http://mirror.example/debian
      Suites: bookworm
      Components: main

      Types: deb
      Enabled: no
      URIs: http://disabled.example/debian
      Suites: bookworm
      Components: main
      """;

  @Nested
  class Deb822 {
    @Test
    void givesOneDebLinePerUriAndSuiteWithTheKeyring() {
      assertThat(AptSources.fromDeb822(DEB822, "bookworm"))
          .containsExactly(
              "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]"
                  + " http://mirror.example/debian bookworm main",
              "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]"
                  + " http://mirror.example/debian bookworm-updates main",
              "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]"
                  + " http://mirror.example/debian-security bookworm-security main contrib");
    }

    @Test
    void movesEverySuiteToTheWantedRelease() {
      assertThat(AptSources.fromDeb822(DEB822, "trixie"))
          .allSatisfy(line -> assertThat(line).doesNotContain("bookworm"))
          .anySatisfy(line -> assertThat(line).endsWith(" trixie-security main contrib"));
    }

    @Test
    void leavesOutAnInlineKey() {
      String inline =
          """
          Types: deb
          URIs: http://mirror.example/debian
          Suites: stable
          Components: main
          Signed-By:
           -----BEGIN PGP PUBLIC KEY BLOCK-----
           .
           abc
           -----END PGP PUBLIC KEY BLOCK-----
          """;

      assertThat(AptSources.fromDeb822(inline, "bookworm"))
          .containsExactly("deb http://mirror.example/debian bookworm main");
    }

    @Test
    void readsTheFileByItsExtension(@TempDir Path dir) throws Exception {
      Path file = dir.resolve("debian.sources");
      Files.writeString(file, DEB822);

      assertThat(AptSources.debLines(file, "bookworm")).hasSize(3);
    }
  }

  @Nested
  class OneLine {
    @Test
    void keepsOptionsAndMovesTheSuite() {
      String list =
          """
          # comment
          deb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian stable main
          deb-src http://mirror.example/debian stable main
          deb http://mirror.example/debian stable-updates main contrib
          """;

      assertThat(AptSources.fromOneLine(list, "bookworm"))
          .containsExactly(
              "deb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian bookworm main",
              "deb http://mirror.example/debian bookworm-updates main contrib");
    }
  }
}
