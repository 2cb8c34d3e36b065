package dev.perstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.lockfile.lock.LockFiles;
import dev.perstack.lockfile.lock.PerstackLock;
import dev.perstack.testsupport.model.Reply;
import dev.perstack.testsupport.model.ScriptedModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock from the CLI, as a user works with it: {@code perstack install} pins a real npm MCP
 * server, {@code perstack lock verify} holds, {@code perstack run --locked} runs in Docker from the
 * locked image, {@code perstack audit} shows which lock and image the job ran, and an edited
 * definition is refused until {@code perstack install} runs again.
 */
class PerstackInstallIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path project;

  @Test
  void installVerifyRunLockedAuditAndRefuseWhenStale() throws Exception {
    try (ScriptedModelServer model = ScriptedModelServer.start()) {
      Path config = project.resolve("perstack.toml");
      Files.writeString(
          config,
          """
          model = "gpt-test"
          [provider]
          providerName = "openai"
          [provider.setting]
          baseUrl = "%s/v1"
          [experts."librarian"]
          instruction = "Answer from the files in /workspace."
          [experts."librarian".skills.files]
          type = "mcpStdioSkill"
          command = "npx"
          args = ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "/workspace"]
          """
              .formatted(model.baseUrl()));
      Path workspace = Files.createDirectories(project.resolve("ws"));
      Files.writeString(workspace.resolve("notes.txt"), "The answer is 42.\n");

      Launcher.Result install = perstack(Map.of(), "install");

      assertThat(install.exitCode()).as(install.stderr()).isZero();
      assertThat(install.stderr())
          .contains("pinned @modelcontextprotocol/server-filesystem@2026.8.31 sha512-");
      Path lockFile = project.resolve("perstack.lock");
      PerstackLock lock = LockFiles.read(lockFile);
      assertThat(lock.expert("librarian").orElseThrow().toolsOf("files")).isNotEmpty();

      Launcher.Result verify = perstack(Map.of(), "lock", "verify");

      assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
      assertThat(verify.stdout()).contains("ok (1 packages");

      model.enqueue(
          Reply.toolCall("call_1", "read_text_file", "{\"path\":\"/workspace/notes.txt\"}"),
          Reply.text("The notes say 42."));
      Launcher.Result run =
          perstack(
              Map.of("OPENAI_API_KEY", "sk-it"),
              "run",
              "--locked",
              "--runtime",
              "docker",
              "--workspace",
              workspace.toString(),
              "librarian",
              "What do the notes say?");

      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout()).contains("The answer is 42.");
      String jobId =
          JSON.readTree(run.stdout().lines().findFirst().orElseThrow()).get("jobId").asText();

      Launcher.Result audit = perstack(Map.of(), "audit", "--json");

      assertThat(audit.exitCode()).as(audit.stderr()).isZero();
      JsonNode entry =
          audit
              .stdout()
              .lines()
              .map(PerstackInstallIT::tree)
              .filter(e -> e.get("jobId").asText().equals(jobId))
              .findFirst()
              .orElseThrow();
      assertThat(entry.get("lockDigest").asText()).isEqualTo(LockFiles.digest(lockFile));
      assertThat(entry.get("image").asText()).isEqualTo(lock.image().orElseThrow().id());
      assertThat(entry.get("submittedBy").asText()).isEqualTo("cli");

      Files.writeString(
          config, Files.readString(config).replace("Answer from the files", "Answer only from"));

      Launcher.Result stale =
          perstack(
              Map.of("OPENAI_API_KEY", "sk-it"),
              "run",
              "--runtime",
              "docker",
              "--workspace",
              workspace.toString(),
              "librarian",
              "Again?");
      Launcher.Result staleVerify = perstack(Map.of(), "lock", "verify");

      assertThat(stale.exitCode()).isEqualTo(1);
      assertThat(stale.stderr()).contains("librarian").contains("perstack install");
      assertThat(staleVerify.exitCode()).isEqualTo(1);
      assertThat(staleVerify.stdout()).contains("librarian");
    }
  }

  private static JsonNode tree(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new IllegalStateException(line, e);
    }
  }

  private Launcher.Result perstack(Map<String, String> env, String... args) throws Exception {
    return Launcher.run(project, env, args);
  }
}
