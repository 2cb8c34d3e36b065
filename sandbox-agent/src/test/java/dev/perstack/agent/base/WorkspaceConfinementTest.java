package dev.perstack.agent.base;

import static dev.perstack.agent.base.BaseSkillFixture.SECRET;
import static dev.perstack.agent.base.BaseSkillFixture.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way out of the workspace the model might try is refused with a clear message. */
class WorkspaceConfinementTest {
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
  class DotDotAndAbsolutePaths {
    @Test
    void dotDotEscapeIsRefused() {
      assertThat(ws.error("readTextFile", args("path", "../outside/secret.txt")))
          .isEqualTo("Access denied: ../outside/secret.txt is outside the workspace");
    }

    @Test
    void dotDotAfterASubdirectoryStillCannotClimbOut() {
      ws.write("sub/file.txt", "x");
      assertThat(ws.error("readTextFile", args("path", "sub/../../outside/secret.txt")))
          .contains("Access denied", "outside the workspace");
    }

    @Test
    void absolutePathOutsideIsRefused() {
      assertThat(ws.error("readTextFile", args("path", ws.secret.toString())))
          .isEqualTo("Access denied: " + ws.secret + " is outside the workspace");
      assertThat(ws.error("readTextFile", args("path", "/etc/passwd")))
          .contains("outside the workspace");
    }

    @Test
    void absolutePathThroughTheWorkspaceThenDotDotIsRefused() {
      assertThat(ws.error("readTextFile", args("path", ws.root + "/../outside/secret.txt")))
          .contains("outside the workspace");
    }

    @Test
    void absolutePathInsideTheWorkspaceIsAllowed() {
      ws.write("a.txt", "inside");
      assertThat(ws.json("readTextFile", args("path", ws.root + "/a.txt")).get("content").asText())
          .isEqualTo("inside");
    }

    @Test
    void homeDirectoryShorthandIsRefused() {
      assertThat(ws.error("writeTextFile", args("path", "~/notes.txt", "text", "x")))
          .contains("outside the workspace");
    }

    @Test
    void writesOutsideAreRefusedAndLeaveNoFile() {
      assertThat(ws.error("writeTextFile", args("path", "../outside/new.txt", "text", "x")))
          .contains("outside the workspace");
      assertThat(ws.outside.resolve("new.txt")).doesNotExist();
    }
  }

  @Nested
  class SymbolicLinks {
    @Test
    void symlinkToEtcPasswdIsRefused() throws Exception {
      Files.createSymbolicLink(ws.root.resolve("passwd"), Path.of("/etc/passwd"));
      assertThat(ws.error("readTextFile", args("path", "passwd")))
          .isEqualTo(
              "Access denied: passwd is a symbolic link to /etc/passwd, which is outside the"
                  + " workspace");
      assertThat(ws.error("getFileInfo", args("path", "passwd"))).contains("Access denied");
    }

    @Test
    void relativeSymlinkClimbingOutIsRefused() throws Exception {
      Files.createSymbolicLink(ws.root.resolve("up"), Path.of("../outside/secret.txt"));
      assertThat(ws.error("readTextFile", args("path", "up"))).contains("outside the workspace");
      assertThat(ws.error("writeTextFile", args("path", "up", "text", "pwned")))
          .contains("outside the workspace");
      assertThat(ws.secret).hasContent(SECRET);
    }

    @Test
    void symlinkedDirectoryPointingOutIsRefused() throws Exception {
      Files.createSymbolicLink(ws.root.resolve("dir"), ws.outside);
      assertThat(ws.error("readTextFile", args("path", "dir/secret.txt")))
          .contains("Access denied", "dir/secret.txt is a symbolic link to " + ws.outside);
      assertThat(ws.error("writeTextFile", args("path", "dir/new.txt", "text", "x")))
          .contains("Access denied");
      assertThat(ws.error("createDirectory", args("path", "dir/sub"))).contains("Access denied");
      assertThat(ws.error("listDirectory", args("path", "dir"))).contains("Access denied");
      assertThat(ws.error("deleteFile", args("path", "dir/secret.txt"))).contains("Access denied");
      assertThat(ws.outside.resolve("new.txt")).doesNotExist();
      assertThat(ws.outside.resolve("sub")).doesNotExist();
      assertThat(ws.secret).hasContent(SECRET);
    }

    @Test
    void symlinkInsideTheWorkspaceIsFollowed() throws Exception {
      ws.write("real/file.txt", "inside");
      Files.createSymbolicLink(ws.root.resolve("alias"), Path.of("real"));
      Files.createSymbolicLink(ws.root.resolve("abs"), ws.root.resolve("real/file.txt"));
      assertThat(ws.json("readTextFile", args("path", "alias/file.txt")).get("content").asText())
          .isEqualTo("inside");
      assertThat(ws.json("readTextFile", args("path", "abs")).get("content").asText())
          .isEqualTo("inside");
    }

    @Test
    void symlinkLoopIsRefusedCleanly() throws Exception {
      Files.createSymbolicLink(ws.root.resolve("a"), Path.of("b"));
      Files.createSymbolicLink(ws.root.resolve("b"), Path.of("a"));
      assertThat(ws.error("readTextFile", args("path", "a"))).contains("Too many symbolic links");
    }

    @Test
    void recursiveDeleteRemovesAnOutwardLinkButNotWhatItPointsTo() throws Exception {
      ws.write("tree/keep.txt", "x");
      Files.createSymbolicLink(ws.root.resolve("tree/escape"), ws.outside);
      ws.json("deleteDirectory", args("path", "tree", "recursive", true));
      assertThat(ws.root.resolve("tree")).doesNotExist();
      assertThat(ws.secret).hasContent(SECRET);
    }

    @Test
    void listingShowsAnOutwardLinkWithoutFollowingIt() throws Exception {
      Files.createSymbolicLink(ws.root.resolve("escape"), ws.outside);
      JsonNode items = ws.json("listDirectory", args("path", ".")).get("items");
      assertThat(items).hasSize(1);
      assertThat(items.get(0).get("type").asText()).isEqualTo("symlink");
      assertThat(items.get(0).get("size").asLong()).isZero();
    }

    @Test
    void movingAFileOutThroughASymlinkedDirectoryIsRefused() throws Exception {
      ws.write("mine.txt", "x");
      Files.createSymbolicLink(ws.root.resolve("dir"), ws.outside);
      assertThat(ws.error("moveFile", args("source", "mine.txt", "destination", "dir/mine.txt")))
          .contains("Access denied");
      assertThat(ws.outside.resolve("mine.txt")).doesNotExist();
    }
  }

  @Nested
  class PerstackDirectory {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "perstack/x",
          "./perstack/../perstack/x",
          "PERSTACK/x",
          "PerStack/x",
          "sub/../perstack/x",
          "perstack",
          "perstack/"
        })
    void isNotAccessibleInAnySpelling(String path) {
      ws.write("perstack/x", "internal");
      assertThat(ws.error("readTextFile", args("path", path)))
          .isEqualTo(
              "Access denied: "
                  + path
                  + " is inside the perstack/ directory, which is not accessible");
    }

    @Test
    void isNotAccessibleByAbsolutePath() {
      ws.write("perstack/x", "internal");
      assertThat(ws.error("readTextFile", args("path", ws.root + "/perstack/x")))
          .contains("perstack/ directory, which is not accessible");
    }

    @Test
    void isNotReachableThroughASymlink() throws Exception {
      ws.write("perstack/x", "internal");
      Files.createSymbolicLink(ws.root.resolve("p"), Path.of("perstack"));
      Files.createSymbolicLink(ws.root.resolve("q"), ws.root.resolve("PERSTACK"));
      assertThat(ws.error("readTextFile", args("path", "p/x"))).contains("perstack/ directory");
      assertThat(ws.error("readTextFile", args("path", "q/x"))).contains("perstack/ directory");
    }

    @Test
    void cannotBeWrittenCreatedDeletedOrListed() {
      ws.write("perstack/x", "internal");
      assertThat(ws.error("writeTextFile", args("path", "perstack/y", "text", "x")))
          .contains("perstack/");
      assertThat(ws.error("deleteDirectory", args("path", "perstack", "recursive", true)))
          .contains("perstack/");
      assertThat(ws.error("listDirectory", args("path", "perstack"))).contains("perstack/");
      assertThat(ws.error("moveFile", args("source", "perstack/x", "destination", "x")))
          .contains("perstack/");
      assertThat(ws.root.resolve("perstack/y")).doesNotExist();
      assertThat(ws.read("perstack/x")).isEqualTo("internal");
    }

    @Test
    void isLeftOutOfTheRootListingButNotDeeper() {
      ws.write("perstack/x", "internal");
      ws.write("visible.txt", "v");
      ws.write("sub/perstack/ok.txt", "fine");
      JsonNode items = ws.json("listDirectory", args("path", ".")).get("items");
      assertThat(items.findValuesAsText("name")).containsExactly("sub", "visible.txt");
      assertThat(
              ws.json("readTextFile", args("path", "sub/perstack/ok.txt")).get("content").asText())
          .isEqualTo("fine");
    }
  }

  @Nested
  class Exec {
    @Test
    void cwdOutsideIsRefused() {
      assertThat(ws.error("exec", execArgs("..")))
          .isEqualTo("Access denied: .. is outside the workspace");
      assertThat(ws.error("exec", execArgs("/tmp"))).contains("outside the workspace");
    }

    @Test
    void cwdThroughAnOutwardSymlinkIsRefused() throws Exception {
      Files.createSymbolicLink(ws.root.resolve("dir"), ws.outside);
      assertThat(ws.error("exec", execArgs("dir"))).contains("Access denied");
    }

    @Test
    void cwdInPerstackIsRefused() {
      ws.write("perstack/x", "internal");
      assertThat(ws.error("exec", execArgs("perstack"))).contains("perstack/ directory");
    }

    private com.fasterxml.jackson.databind.node.ObjectNode execArgs(String cwd) {
      return args(
          "command", "pwd", "args", List.of(), "env", Map.of(), "cwd", cwd, "stdout", true,
          "stderr", true);
    }
  }
}
