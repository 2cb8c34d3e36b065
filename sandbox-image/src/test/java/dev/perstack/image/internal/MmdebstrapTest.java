package dev.perstack.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.image.BaseImageRecipe;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MmdebstrapTest {
  private static final List<String> DEB = List.of("deb http://mirror.example/debian bookworm main");

  @Nested
  class CommandLine {
    @Test
    void writesATarballOfTheRecipeToStdout() {
      List<String> c = Mmdebstrap.command("mmdebstrap", BaseImageRecipe.DEFAULT, DEB);

      assertThat(c)
          .startsWith("mmdebstrap", "--variant=apt")
          .contains(
              "--include=openjdk-17-jre-headless,nodejs,npm,ca-certificates",
              "--format=tar",
              "--setup-hook=mkdir -p \"$1/usr/share/man/man1\"",
              "--dpkgopt=path-exclude=/usr/share/doc/*")
          .endsWith("bookworm", "-", DEB.get(0));
    }

    @Test
    void passesTheMirrorsExplicitly() {
      List<String> two =
          List.of(DEB.get(0), "deb http://mirror.example/sec bookworm-security main");

      assertThat(Mmdebstrap.command("mmdebstrap", BaseImageRecipe.DEFAULT, two))
          .endsWith("-", two.get(0), two.get(1));
    }

    @Test
    void needsAMirror() {
      assertThatThrownBy(() -> Mmdebstrap.command("mmdebstrap", BaseImageRecipe.DEFAULT, List.of()))
          .hasMessageContaining("at least one 'deb' line");
    }
  }

  @Nested
  class Progress {
    @Test
    void risesWithEachPhase() {
      List<String> phases =
          List.of(
              "I: running apt-get update...",
              "I: downloading packages with apt...",
              "I: extracting archives...",
              "I: installing essential packages...",
              "I: installing remaining packages inside the chroot...",
              "I: cleaning package lists and apt cache...",
              "I: creating tarball...",
              "I: success in 52.7 seconds");

      List<Integer> percents =
          phases.stream().map(Mmdebstrap::percentAfter).map(OptionalInt::getAsInt).toList();

      assertThat(percents).isSorted().doesNotHaveDuplicates();
      assertThat(Mmdebstrap.startsTarball(phases.get(6))).isTrue();
    }

    @Test
    void saysNothingForOtherLines() {
      assertThat(Mmdebstrap.percentAfter("Get:1 http://mirror.example/debian ...")).isEmpty();
    }
  }

  @Nested
  class Fixes {
    @Test
    void pointAtTheSourcesFileWhenTheMirrorIsUnreachable() {
      assertThat(
              Mmdebstrap.fixFor(
                  List.of("E: Failed to fetch http://127.0.0.1:9/debian/dists/bookworm/InRelease"),
                  "/etc/apt/sources.list.d/debian.sources"))
          .contains("cannot be reached", "/etc/apt/sources.list.d/debian.sources");
    }

    @Test
    void nameAMissingPackage() {
      assertThat(Mmdebstrap.fixFor(List.of("E: Unable to locate package nodejz"), "f"))
          .contains("does not exist in this suite");
    }

    @Test
    void fallBackToRunningTheCommandByHand() {
      assertThat(Mmdebstrap.fixFor(List.of("something odd"), "f")).contains("by hand");
    }
  }
}
