package dev.perstack.agent.base;

import static dev.perstack.agent.base.BaseSkillFixture.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.protocol.message.FileInlinePart;
import dev.perstack.protocol.message.ImageInlinePart;
import dev.perstack.protocol.message.ToolResultContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code readTextFile}, {@code readImageFile} and {@code readPdfFile}. */
class ReadToolsTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 1};

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
  class ReadTextFile {
    @Test
    void returnsTheWholeFileWithItsLineRange() {
      ws.write("notes.txt", "one\ntwo\nthree\n");
      JsonNode result = ws.json("readTextFile", args("path", "notes.txt"));
      assertThat(result.get("path").asText()).isEqualTo("notes.txt");
      assertThat(result.get("content").asText()).isEqualTo("one\ntwo\nthree\n");
      assertThat(result.get("from").asInt()).isZero();
      assertThat(result.get("to").asInt()).isEqualTo(4);
    }

    @Test
    void returnsTheLinesFromUpToButNotIncludingTo() {
      ws.write("notes.txt", "zero\none\ntwo\nthree");
      JsonNode result = ws.json("readTextFile", args("path", "notes.txt", "from", 1, "to", 3));
      assertThat(result.get("content").asText()).isEqualTo("one\ntwo");
      assertThat(result.get("from").asInt()).isEqualTo(1);
      assertThat(result.get("to").asInt()).isEqualTo(3);
    }

    @Test
    void countsNegativeLineNumbersFromTheEndLikeTheOriginal() {
      ws.write("notes.txt", "a\nb\nc\nd");
      assertThat(
              ws.json("readTextFile", args("path", "notes.txt", "from", -2))
                  .get("content")
                  .asText())
          .isEqualTo("c\nd");
      assertThat(
              ws.json("readTextFile", args("path", "notes.txt", "from", 3, "to", 1))
                  .get("content")
                  .asText())
          .isEmpty();
    }

    @Test
    void missingFileIsReported() {
      assertThat(ws.error("readTextFile", args("path", "nope.txt")))
          .isEqualTo("File nope.txt does not exist.");
      assertThat(ws.error("readTextFile", args("path", "no/such/dir/file.txt")))
          .startsWith("no/such/dir/file.txt does not exist");
    }

    @Test
    void directoryIsNotReadAsAFile() throws Exception {
      Files.createDirectories(ws.root.resolve("dir"));
      assertThat(ws.error("readTextFile", args("path", "dir")))
          .isEqualTo("Path dir is a directory. Use listDirectory to see what it holds.");
    }

    @Test
    void argumentsOfTheWrongTypeAreNamed() {
      assertThat(ws.error("readTextFile", args("path", 42)))
          .isEqualTo("Invalid arguments: 'path' must be a string");
      assertThat(ws.error("readTextFile", args()))
          .isEqualTo("Invalid arguments: 'path' is required (a string)");
      assertThat(ws.error("readTextFile", args("path", "a", "from", "1")))
          .isEqualTo("Invalid arguments: 'from' must be a number");
    }
  }

  @Nested
  class ReadImageFile {
    @Test
    void returnsTheImageInlineWithItsMimeType() throws Exception {
      Files.write(ws.root.resolve("logo.png"), PNG);
      Files.write(ws.root.resolve("photo.JPG"), PNG);
      List<ToolResultContent> result = ws.call("readImageFile", args("path", "logo.png"));
      assertThat(result).singleElement().isInstanceOf(ImageInlinePart.class);
      ImageInlinePart image = (ImageInlinePart) result.get(0);
      assertThat(image.mimeType()).isEqualTo("image/png");
      assertThat(Base64.getDecoder().decode(image.encodedData())).isEqualTo(PNG);
      assertThat(image.id()).isNotBlank();
      assertThat(
              ((ImageInlinePart) ws.call("readImageFile", args("path", "photo.JPG")).get(0))
                  .mimeType())
          .isEqualTo("image/jpeg");
    }

    @Test
    void otherFormatsAreNotSupported() {
      ws.write("drawing.svg", "<svg/>");
      assertThat(ws.error("readImageFile", args("path", "drawing.svg")))
          .startsWith("File drawing.svg is not supported");
    }

    @Test
    void missingImageIsReported() {
      assertThat(ws.error("readImageFile", args("path", "gone.png")))
          .isEqualTo("File gone.png does not exist.");
    }
  }

  @Nested
  class ReadPdfFile {
    @Test
    void returnsTheDocumentInline() throws Exception {
      byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes();
      Files.write(ws.root.resolve("doc.pdf"), pdf);
      List<ToolResultContent> result = ws.call("readPdfFile", args("path", "doc.pdf"));
      assertThat(result).singleElement().isInstanceOf(FileInlinePart.class);
      FileInlinePart file = (FileInlinePart) result.get(0);
      assertThat(file.mimeType()).isEqualTo("application/pdf");
      assertThat(Base64.getDecoder().decode(file.encodedData())).isEqualTo(pdf);
    }

    @Test
    void otherFilesAreRefused() {
      ws.write("doc.txt", "text");
      assertThat(ws.error("readPdfFile", args("path", "doc.txt")))
          .isEqualTo("File doc.txt is not a PDF file.");
    }
  }

  @Nested
  class SizeCaps {
    BaseSkillFixture small;

    @BeforeEach
    void setUp() {
      small =
          new BaseSkillFixture(
              tempDir.resolve("small"),
              new BaseSkillLimits(
                  Duration.ofSeconds(5), Duration.ofSeconds(10), 1024, 1024, 1024, 1024, 1024),
              Map.of());
    }

    @AfterEach
    void tearDown() {
      small.close();
    }

    @Test
    void largeTextFileIsRefusedWithAWayToReadParts() {
      small.write("big.log", "x".repeat(2000));
      assertThat(small.error("readTextFile", args("path", "big.log")))
          .contains("is larger than", "the limit for readTextFile", "head -n");
    }

    @Test
    void largeImageAndPdfAreRefusedLikeTheOriginal() throws Exception {
      Files.write(small.root.resolve("big.png"), new byte[2 * 1024 * 1024]);
      Files.write(small.root.resolve("big.pdf"), new byte[2 * 1024 * 1024]);
      assertThat(small.error("readImageFile", args("path", "big.png")))
          .startsWith("Image file too large (2.0MB). Maximum supported size is")
          .endsWith("Please use a smaller image file.");
      assertThat(small.error("readPdfFile", args("path", "big.pdf")))
          .startsWith("PDF file too large (2.0MB).");
    }

    @Test
    void defaultsAreTheOriginalsImageAndPdfLimits() {
      assertThat(BaseSkillLimits.defaults().maxImageBytes()).isEqualTo(15L * 1024 * 1024);
      assertThat(BaseSkillLimits.defaults().maxPdfBytes()).isEqualTo(30L * 1024 * 1024);
    }
  }
}
