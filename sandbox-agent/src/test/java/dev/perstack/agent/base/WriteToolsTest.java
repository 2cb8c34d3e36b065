package dev.perstack.agent.base;

import static dev.perstack.agent.base.BaseSkillFixture.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code writeTextFile}, {@code appendTextFile} and {@code editTextFile}. */
class WriteToolsTest {
  @TempDir Path tempDir;
  BaseSkillFixture ws;

  @BeforeEach
  void setUp() {
    ws = new BaseSkillFixture(tempDir);
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  @Nested
  class WriteTextFile {
    @Test
    void createsTheFileAndMissingParents() {
      JsonNode result = ws.json("writeTextFile", args("path", "a/b/c.txt", "text", "héllo"));
      assertThat(result.get("path").asText()).isEqualTo(ws.root.resolve("a/b/c.txt").toString());
      assertThat(result.get("text").asText()).isEqualTo("héllo");
      assertThat(ws.read("a/b/c.txt")).isEqualTo("héllo");
    }

    @Test
    void overwritesAnExistingFile() {
      ws.write("f.txt", "a much longer old content");
      ws.json("writeTextFile", args("path", "f.txt", "text", "new"));
      assertThat(ws.read("f.txt")).isEqualTo("new");
    }

    @Test
    void refusesToWriteOverADirectory() throws Exception {
      Files.createDirectories(ws.root.resolve("dir"));
      assertThat(ws.error("writeTextFile", args("path", "dir", "text", "x")))
          .isEqualTo("Path dir is a directory, not a file.");
    }

    @Test
    void refusesToCreateParentsThroughAFile() {
      ws.write("file", "x");
      assertThat(ws.error("writeTextFile", args("path", "file/child.txt", "text", "x")))
          .contains("is not a directory");
    }

    @Test
    void refusesTextOverTheWriteCap() {
      try (BaseSkillFixture small = smallFixture()) {
        assertThat(small.error("writeTextFile", args("path", "big", "text", "x".repeat(200))))
            .contains("more than the 100-byte limit for one write");
        assertThat(small.root.resolve("big")).doesNotExist();
      }
    }
  }

  @Nested
  class AppendTextFile {
    @Test
    void addsTextAtTheEnd() {
      ws.write("log.txt", "first\n");
      JsonNode result = ws.json("appendTextFile", args("path", "log.txt", "text", "second\n"));
      assertThat(result.get("text").asText()).isEqualTo("second\n");
      assertThat(ws.read("log.txt")).isEqualTo("first\nsecond\n");
    }

    @Test
    void refusesAFileThatDoesNotExist() {
      assertThat(ws.error("appendTextFile", args("path", "log.txt", "text", "x")))
          .startsWith("File log.txt does not exist.");
      assertThat(ws.root.resolve("log.txt")).doesNotExist();
    }
  }

  @Nested
  class EditTextFile {
    @Test
    void replacesTheFirstExactOccurrence() {
      ws.write("conf.toml", "a = 1\nb = 1\na = 1\n");
      JsonNode result =
          ws.json(
              "editTextFile", args("path", "conf.toml", "oldText", "a = 1", "newText", "a = 2"));
      assertThat(ws.read("conf.toml")).isEqualTo("a = 2\nb = 1\na = 1\n");
      assertThat(result.get("oldText").asText()).isEqualTo("a = 1");
      assertThat(result.get("newText").asText()).isEqualTo("a = 2");
    }

    @Test
    void takesReplacementTextLiterally() {
      ws.write("f.txt", "price: X");
      ws.json("editTextFile", args("path", "f.txt", "oldText", "X", "newText", "$& $1 \\0"));
      assertThat(ws.read("f.txt")).isEqualTo("price: $& $1 \\0");
    }

    @Test
    void normalisesWindowsLineEndingsLikeTheOriginal() {
      ws.write("crlf.txt", "one\r\ntwo\r\n");
      ws.json(
          "editTextFile", args("path", "crlf.txt", "oldText", "one\r\ntwo", "newText", "1\r\n2"));
      assertThat(ws.read("crlf.txt")).isEqualTo("1\n2\n");
    }

    @Test
    void reportsTextThatIsNotThere() {
      ws.write("f.txt", "hello");
      assertThat(ws.error("editTextFile", args("path", "f.txt", "oldText", "bye", "newText", "x")))
          .startsWith("Could not find exact match for oldText in file f.txt");
      assertThat(ws.read("f.txt")).isEqualTo("hello");
    }

    @Test
    void refusesAnEmptyOldText() {
      ws.write("f.txt", "hello");
      assertThat(ws.error("editTextFile", args("path", "f.txt", "oldText", "", "newText", "x")))
          .startsWith("oldText is empty");
    }

    @Test
    void refusesAFileThatDoesNotExist() {
      assertThat(ws.error("editTextFile", args("path", "no.txt", "oldText", "a", "newText", "b")))
          .isEqualTo("File no.txt does not exist.");
    }
  }

  private BaseSkillFixture smallFixture() {
    return new BaseSkillFixture(
        tempDir.resolve("small"),
        new BaseSkillLimits(
            Duration.ofSeconds(5), Duration.ofSeconds(10), 1024, 1024, 1024, 1024, 100),
        Map.of());
  }
}
