package dev.perstack.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.protocol.job.McpStdioSkillSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StdioCommandTest {

  static McpStdioSkillSpec spec(String command, Optional<String> pkg, List<String> args) {
    return new McpStdioSkillSpec(
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

  @Test
  void npxWithAPackageGetsDashY() {
    StdioCommand command = StdioCommand.of(spec("npx", Optional.of("@scope/pkg@1.2.3"), List.of()));

    assertThat(command.commandLine()).containsExactly("npx", "-y", "@scope/pkg@1.2.3");
  }

  @Test
  void anotherCommandWithAPackageRunsItAsTheOnlyArgument() {
    StdioCommand command = StdioCommand.of(spec("uvx", Optional.of("mcp-server-git"), List.of()));

    assertThat(command.commandLine()).containsExactly("uvx", "mcp-server-git");
  }

  @Test
  void argsAreKeptAsTheyAre() {
    StdioCommand command =
        StdioCommand.of(spec("python", Optional.empty(), List.of("-m", "server", "--flag")));

    assertThat(command.commandLine()).containsExactly("python", "-m", "server", "--flag");
  }

  @Test
  void npxWithArgsGetsDashYOnceOnly() {
    assertThat(StdioCommand.of(spec("npx", Optional.empty(), List.of("pkg"))).args())
        .containsExactly("-y", "pkg");
    assertThat(StdioCommand.of(spec("npx", Optional.empty(), List.of("-y", "pkg"))).args())
        .containsExactly("-y", "pkg");
  }

  @Test
  void theCommandIsLookedUpInTheChildsPath(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path server = Files.createFile(bin.resolve("my-server"));
    Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
    StdioCommand command = new StdioCommand("my-server", List.of("a"));

    assertThat(command.commandLineResolvedIn("/nonexistent:" + bin))
        .containsExactly(server.toString(), "a");
    assertThat(command.commandLineResolvedIn("/nonexistent")).containsExactly("my-server", "a");
    assertThat(new StdioCommand("./x", List.of()).commandLineResolvedIn(bin.toString()))
        .containsExactly("./x");
  }
}
