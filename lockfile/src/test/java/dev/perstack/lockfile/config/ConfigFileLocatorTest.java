package dev.perstack.lockfile.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileLocatorTest {

  @Test
  void findsTheNearestFileWalkingUp(@TempDir Path root) throws Exception {
    Files.writeString(root.resolve("perstack.toml"), "");
    Path deep = Files.createDirectories(root.resolve("a/b/c"));
    Files.writeString(root.resolve("a/perstack.toml"), "");

    assertThat(ConfigFileLocator.findFrom(deep))
        .contains(root.resolve("a/perstack.toml").toAbsolutePath());
  }

  @Test
  void ignoresADirectoryNamedLikeTheFile(@TempDir Path root) throws Exception {
    Files.writeString(root.resolve("perstack.toml"), "");
    Path sub = Files.createDirectories(root.resolve("sub/perstack.toml"));

    assertThat(ConfigFileLocator.findFrom(sub.getParent()))
        .contains(root.resolve("perstack.toml").toAbsolutePath());
  }
}
