package dev.perstack.agent.base;

import static dev.perstack.agent.base.BaseSkillFixture.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code moveFile}, {@code deleteFile}, {@code getFileInfo} and the directory tools. */
class FileAndDirectoryToolsTest {
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
  class MoveFile {
    @Test
    void movesAndCreatesTheDestinationsDirectories() {
      ws.write("a.txt", "content");
      JsonNode result = ws.json("moveFile", args("source", "a.txt", "destination", "x/y/b.txt"));
      assertThat(result.get("source").asText()).isEqualTo(ws.root.resolve("a.txt").toString());
      assertThat(result.get("destination").asText())
          .isEqualTo(ws.root.resolve("x/y/b.txt").toString());
      assertThat(ws.root.resolve("a.txt")).doesNotExist();
      assertThat(ws.read("x/y/b.txt")).isEqualTo("content");
    }

    @Test
    void neverOverwritesAnExistingDestination() {
      ws.write("a.txt", "a");
      ws.write("b.txt", "b");
      assertThat(ws.error("moveFile", args("source", "a.txt", "destination", "b.txt")))
          .startsWith("Destination b.txt already exists.");
      assertThat(ws.read("b.txt")).isEqualTo("b");
    }

    @Test
    void reportsAMissingSource() {
      assertThat(ws.error("moveFile", args("source", "none", "destination", "b")))
          .isEqualTo("Source file none does not exist.");
    }

    @Test
    void refusesToMoveTheWorkspaceItself() {
      assertThat(ws.error("moveFile", args("source", ".", "destination", "elsewhere")))
          .contains("the workspace directory itself cannot be moved");
    }
  }

  @Nested
  class DeleteFile {
    @Test
    void deletesAFile() {
      ws.write("gone.txt", "x");
      assertThat(ws.json("deleteFile", args("path", "gone.txt")).get("path").asText())
          .isEqualTo(ws.root.resolve("gone.txt").toString());
      assertThat(ws.root.resolve("gone.txt")).doesNotExist();
    }

    @Test
    void refusesADirectoryAndAMissingFile() throws Exception {
      Files.createDirectories(ws.root.resolve("dir"));
      assertThat(ws.error("deleteFile", args("path", "dir")))
          .isEqualTo("Path dir is a directory. Use deleteDirectory tool instead.");
      assertThat(ws.error("deleteFile", args("path", "none")))
          .isEqualTo("File none does not exist.");
    }
  }

  @Nested
  class GetFileInfo {
    @Test
    void describesAFile() {
      ws.write("docs/readme.md", "hello");
      JsonNode info = ws.json("getFileInfo", args("path", "docs/readme.md"));
      assertThat(info.get("exists").asBoolean()).isTrue();
      assertThat(info.get("path").asText()).isEqualTo(ws.root.resolve("docs/readme.md").toString());
      assertThat(info.get("name").asText()).isEqualTo("readme.md");
      assertThat(info.get("directory").asText()).isEqualTo(ws.root.resolve("docs").toString());
      assertThat(info.get("extension").asText()).isEqualTo(".md");
      assertThat(info.get("type").asText()).isEqualTo("file");
      assertThat(info.get("mimeType").asText()).isEqualTo("text/markdown");
      assertThat(info.get("size").asLong()).isEqualTo(5);
      assertThat(info.get("sizeFormatted").asText()).isEqualTo("5.00 B");
      assertThat(info.get("modified").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(info.get("permissions").get("readable").asBoolean()).isTrue();
    }

    @Test
    void describesADirectory() throws Exception {
      Files.createDirectories(ws.root.resolve("sub"));
      JsonNode info = ws.json("getFileInfo", args("path", "sub"));
      assertThat(info.get("type").asText()).isEqualTo("directory");
      assertThat(info.get("extension").isNull()).isTrue();
      assertThat(info.get("mimeType").isNull()).isTrue();
    }

    @Test
    void unknownExtensionsAreOctetStreams() {
      ws.write("blob.xyz", "?");
      assertThat(ws.json("getFileInfo", args("path", "blob.xyz")).get("mimeType").asText())
          .isEqualTo("application/octet-stream");
    }

    @Test
    void reportsAMissingPath() {
      assertThat(ws.error("getFileInfo", args("path", "none")))
          .isEqualTo("File or directory none does not exist");
    }

    @Test
    void formatsSizesLikeTheOriginal() {
      assertThat(FileTools.formatSize(0)).isEqualTo("0 B");
      assertThat(FileTools.formatSize(1536)).isEqualTo("1.50 KB");
      assertThat(FileTools.formatSize(3L * 1024 * 1024)).isEqualTo("3.00 MB");
    }
  }

  @Nested
  class ListDirectory {
    @Test
    void listsEntriesSortedWithTypeAndSize() throws Exception {
      ws.write("b.txt", "bb");
      ws.write("a/inner.txt", "x");
      Files.createSymbolicLink(ws.root.resolve("link"), Path.of("b.txt"));
      JsonNode result = ws.json("listDirectory", args("path", "."));
      assertThat(result.get("path").asText()).isEqualTo(ws.root.toString());
      JsonNode items = result.get("items");
      assertThat(items.findValuesAsText("name")).containsExactly("a", "b.txt", "link");
      assertThat(items.findValuesAsText("type")).containsExactly("directory", "file", "file");
      assertThat(items.get(1).get("size").asLong()).isEqualTo(2);
      assertThat(items.get(1).get("path").asText()).isEqualTo("b.txt");
    }

    @Test
    void refusesAFileAndAMissingDirectory() {
      ws.write("f", "x");
      assertThat(ws.error("listDirectory", args("path", "f")))
          .isEqualTo("Path f is not a directory.");
      assertThat(ws.error("listDirectory", args("path", "none")))
          .isEqualTo("Directory none does not exist.");
    }
  }

  @Nested
  class CreateDirectory {
    @Test
    void createsNestedDirectories() {
      assertThat(ws.json("createDirectory", args("path", "x/y/z")).get("path").asText())
          .isEqualTo(ws.root.resolve("x/y/z").toString());
      assertThat(ws.root.resolve("x/y/z")).isDirectory();
    }

    @Test
    void refusesOneThatExists() {
      ws.write("x/file", "");
      assertThat(ws.error("createDirectory", args("path", "x")))
          .isEqualTo("Directory x already exists");
    }
  }

  @Nested
  class DeleteDirectory {
    @Test
    void deletesAnEmptyDirectory() throws Exception {
      Files.createDirectories(ws.root.resolve("empty"));
      ws.json("deleteDirectory", args("path", "empty"));
      assertThat(ws.root.resolve("empty")).doesNotExist();
    }

    @Test
    void needsRecursiveForContents() {
      ws.write("full/a/b.txt", "x");
      assertThat(ws.error("deleteDirectory", args("path", "full")))
          .isEqualTo(
              "Directory full is not empty. Set recursive to true to delete it with its contents.");
      ws.json("deleteDirectory", args("path", "full", "recursive", true));
      assertThat(ws.root.resolve("full")).doesNotExist();
    }

    @Test
    void refusesAFileTheRootAndAMissingDirectory() {
      ws.write("f", "x");
      assertThat(ws.error("deleteDirectory", args("path", "f")))
          .isEqualTo("Path f is not a directory. Use deleteFile tool instead.");
      assertThat(ws.error("deleteDirectory", args("path", ".", "recursive", true)))
          .contains("the workspace directory itself cannot be deleted");
      assertThat(ws.error("deleteDirectory", args("path", "none")))
          .isEqualTo("Directory none does not exist.");
      assertThat(ws.root).isDirectory();
    }
  }
}
