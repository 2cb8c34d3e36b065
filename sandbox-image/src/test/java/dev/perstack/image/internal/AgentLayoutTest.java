package dev.perstack.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import dev.perstack.image.AgentClasspath;
import dev.perstack.image.ImageBuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLayoutTest {
  private static final String BASE_ID = "sha256:" + "a".repeat(64);
  @TempDir Path dir;
  private Path classes;
  private Path lib;

  @BeforeEach
  void files() throws Exception {
    classes = Files.createDirectories(dir.resolve("sandbox-agent/target/classes"));
    Files.createDirectories(classes.resolve("dev/perstack/agent"));
    Files.writeString(classes.resolve("dev/perstack/agent/AgentMain.class"), "class bytes");
    lib = Files.writeString(dir.resolve("lib-1.0.jar"), "jar bytes");
  }

  private AgentLayout layout() throws ImageBuildException {
    return AgentLayout.of(new AgentClasspath(List.of(classes), List.of(lib)));
  }

  @Nested
  class Entrypoint {
    @Test
    void startsTheAgentWithSmallHeapFlagsAndItsClasspath() throws Exception {
      assertThat(layout().entrypoint())
          .startsWith("/usr/bin/java", "-XX:+UseSerialGC")
          .contains("-Xss512k", "-XX:MaxRAMPercentage=50", "-Duser.home=/tmp")
          .endsWith(
              "-cp", "/app/agent/sandbox-agent:/app/libs/lib-1.0.jar", AgentLayout.MAIN_CLASS);
    }

    @Test
    void givesJarsWithTheSameNameDistinctPaths() throws Exception {
      Path other = Files.createDirectories(dir.resolve("other"));
      Path twin = Files.writeString(other.resolve("lib-1.0.jar"), "other bytes");

      List<String> e =
          AgentLayout.of(new AgentClasspath(List.of(classes), List.of(lib, twin))).entrypoint();

      assertThat(e.get(e.size() - 2)).endsWith("/app/libs/lib-1.0.jar:/app/libs/2-lib-1.0.jar");
    }
  }

  @Nested
  class InputDigest {
    @Test
    void isStableForEqualInputs() throws Exception {
      assertThat(layout().inputDigest(BASE_ID)).isEqualTo(layout().inputDigest(BASE_ID));
    }

    @Test
    void changesWithTheBaseAClassOrAJar() throws Exception {
      String before = layout().inputDigest(BASE_ID);
      String otherBase = layout().inputDigest("sha256:" + "b".repeat(64));
      Files.writeString(classes.resolve("dev/perstack/agent/AgentMain.class"), "changed");
      String changedClass = layout().inputDigest(BASE_ID);
      Files.writeString(lib, "changed jar");
      String changedJar = layout().inputDigest(BASE_ID);

      assertThat(List.of(before, otherBase, changedClass, changedJar)).doesNotHaveDuplicates();
    }

    @Test
    void ignoresFileTimes() throws Exception {
      String before = layout().inputDigest(BASE_ID);
      Files.setLastModifiedTime(lib, java.nio.file.attribute.FileTime.from(Instant.now()));

      assertThat(layout().inputDigest(BASE_ID)).isEqualTo(before);
    }
  }

  @Nested
  class Layers {
    @Test
    void putDependenciesFirstAndTheAgentWithTheWorkspaceSecond() throws Exception {
      List<FileEntriesLayer> layers = layout().layers(Files.createDirectories(dir.resolve("e")));

      assertThat(layers)
          .extracting(FileEntriesLayer::getName)
          .containsExactly("dependencies", "agent");
      assertThat(layers.get(0).getEntries())
          .extracting(f -> f.getExtractionPath().toString())
          .containsExactly("/app/libs/lib-1.0.jar");
      assertThat(layers.get(1).getEntries())
          .extracting(f -> f.getExtractionPath().toString())
          .contains("/app/agent/sandbox-agent/dev/perstack/agent/AgentMain.class", "/workspace");
    }

    @Test
    void dateEveryFileAtTheFixedTimeAndGiveTheWorkspaceToTheSandboxUser() throws Exception {
      List<FileEntriesLayer> layers = layout().layers(Files.createDirectories(dir.resolve("e")));

      assertThat(layers.stream().flatMap(l -> l.getEntries().stream()))
          .extracting(FileEntry::getModificationTime)
          .containsOnly(FileEntriesLayer.DEFAULT_MODIFICATION_TIME);
      assertThat(layers.get(1).getEntries())
          .filteredOn(f -> f.getExtractionPath().toString().equals("/workspace"))
          .singleElement()
          .extracting(FileEntry::getOwnership)
          .isEqualTo("10001:10001");
    }
  }

  @Test
  void aClasspathWithoutTheMainClassIsRefused() throws Exception {
    Files.delete(classes.resolve("dev/perstack/agent/AgentMain.class"));

    assertThatThrownBy(this::layout)
        .isInstanceOf(ImageBuildException.class)
        .hasMessageContaining("holds dev.perstack.agent.AgentMain")
        .hasMessageContaining("-am");
  }

  @Test
  void aMissingEntryIsReportedWithItsPath() {
    Path missing = dir.resolve("missing.jar");

    assertThatThrownBy(() -> AgentLayout.of(new AgentClasspath(List.of(classes), List.of(missing))))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageContaining("does not exist")
        .hasMessageContaining(missing.toString());
  }
}
