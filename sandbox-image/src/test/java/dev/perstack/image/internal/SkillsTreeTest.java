package dev.perstack.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.perstack.image.internal.SkillsTree.Entry;
import dev.perstack.image.internal.SkillsTree.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillsTreeTest {
  private static final String PKG = "node_modules/@mcp/server";

  @TempDir Path dir;
  private Path project;

  @BeforeEach
  void project() throws Exception {
    project = stage(dir.resolve("a"), false);
  }

  /** A small npm project; {@code reversed} creates the same files in the other order. */
  private static Path stage(Path root, boolean reversed) throws Exception {
    List<String[]> files =
        new ArrayList<>(
            List.of(
                new String[] {"package.json", "{}"},
                new String[] {"package-lock.json", "{\"lockfileVersion\": 3}"},
                new String[] {PKG + "/package.json", "{\"version\": \"1.0.0\"}"},
                new String[] {PKG + "/dist/index.js", "#!/usr/bin/env node\n"},
                new String[] {"node_modules/dep/index.js", "module.exports = 1;"}));
    if (reversed) {
      Collections.reverse(files);
    }
    for (String[] f : files) {
      Path p = root.resolve(f[0]);
      Files.createDirectories(p.getParent());
      Files.writeString(p, f[1]);
    }
    return root;
  }

  private static String digest(Path root) throws Exception {
    return SkillsTree.digest(SkillsTree.staged(root));
  }

  @Nested
  class Digest {
    @Test
    void isTheSameForTheSameFilesCreatedInAnotherOrder() throws Exception {
      Path other = stage(dir.resolve("b"), true);

      assertThat(digest(other)).isEqualTo(digest(project)).startsWith("sha256:").hasSize(71);
    }

    @Test
    void doesNotDependOnTheOrderOfTheEntries() throws Exception {
      List<Entry> entries = new ArrayList<>(SkillsTree.staged(project));
      String sorted = SkillsTree.digest(entries);
      Collections.shuffle(entries);

      assertThat(SkillsTree.digest(entries)).isEqualTo(sorted);
    }

    @Test
    void changesWithTheExecuteBitOfAFile() throws Exception {
      String before = digest(project);
      Files.setPosixFilePermissions(
          project.resolve(PKG + "/dist/index.js"), PosixFilePermissions.fromString("rwxr-xr-x"));

      assertThat(digest(project)).isNotEqualTo(before);
    }

    @Test
    void changesWithTheContentOfAFile() throws Exception {
      String before = digest(project);
      Files.writeString(project.resolve("node_modules/dep/index.js"), "module.exports = 2;");

      assertThat(digest(project)).isNotEqualTo(before);
    }

    @Test
    void changesWithAnEmptyDirectory() throws Exception {
      String before = digest(project);
      Files.createDirectories(project.resolve("node_modules/dep/empty"));

      assertThat(digest(project)).isNotEqualTo(before);
    }

    @Test
    void ofAPackageIsTheDigestOfItsDirectoryWhereverTheProjectIs() throws Exception {
      Path other = stage(dir.resolve("b"), true);
      Files.writeString(other.resolve("node_modules/dep/index.js"), "other dependency");

      assertThat(SkillsTree.digest(SkillsTree.below(SkillsTree.staged(other), PKG)))
          .isEqualTo(SkillsTree.digest(SkillsTree.below(SkillsTree.staged(project), PKG)));
    }
  }

  @Nested
  class Staged {
    @Test
    void leavesOutSymlinksBinDirectoriesAndOtherFilesOfTheProject() throws Exception {
      Files.createDirectories(project.resolve(PKG + "/node_modules"));
      String before = digest(project);
      Files.createDirectories(project.resolve("node_modules/.bin"));
      Files.createSymbolicLink(
          project.resolve("node_modules/.bin/server"), Path.of("../@mcp/server/dist/index.js"));
      Files.createDirectories(project.resolve(PKG + "/node_modules/.bin"));
      Files.createSymbolicLink(project.resolve(PKG + "/link"), Path.of("dist"));
      Files.writeString(project.resolve("notes.txt"), "not part of the layer");

      assertThat(SkillsTree.staged(project))
          .extracting(Entry::path)
          .noneMatch(p -> p.contains(".bin") || p.endsWith("link") || p.equals("notes.txt"));
      assertThat(digest(project)).isEqualTo(before);
    }

    @Test
    void listsDirectoriesAndFilesWithPathsRelativeToTheProject() throws Exception {
      assertThat(SkillsTree.staged(project))
          .extracting(Entry::path)
          .containsExactly(
              "node_modules",
              "node_modules/@mcp",
              "node_modules/@mcp/server",
              "node_modules/@mcp/server/dist",
              "node_modules/@mcp/server/dist/index.js",
              "node_modules/@mcp/server/package.json",
              "node_modules/dep",
              "node_modules/dep/index.js",
              "package-lock.json",
              "package.json");
    }
  }

  @Nested
  class ReadBackFromATar {
    /** The tar the engine gives for the directory: entries under "skills/", in its own order. */
    private byte[] tarOf(List<Entry> entries, Path root, boolean reversed) throws Exception {
      List<Entry> order = new ArrayList<>(entries);
      if (reversed) {
        Collections.reverse(order);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.putArchiveEntry(new TarArchiveEntry("skills/"));
        tar.closeArchiveEntry();
        for (Entry e : order) {
          if (e.kind() == Kind.DIRECTORY) {
            TarArchiveEntry t = new TarArchiveEntry("skills/" + e.path() + "/");
            t.setMode(040755);
            tar.putArchiveEntry(t);
          } else {
            byte[] content = Files.readAllBytes(root.resolve(e.path()));
            TarArchiveEntry t = new TarArchiveEntry("skills/" + e.path());
            t.setMode(e.executable() ? 0100755 : 0100644);
            t.setSize(content.length);
            tar.putArchiveEntry(t);
            tar.write(content);
          }
          tar.closeArchiveEntry();
        }
      }
      return bytes.toByteArray();
    }

    @Test
    void givesTheDigestOfTheHostDirectoryForTheSameContentInAnyOrder() throws Exception {
      Files.setPosixFilePermissions(
          project.resolve(PKG + "/dist/index.js"), PosixFilePermissions.fromString("rwxr-xr-x"));
      List<Entry> staged = SkillsTree.staged(project);

      for (boolean reversed : List.of(false, true)) {
        SkillsArchive archive =
            SkillsArchive.read(
                new ByteArrayInputStream(tarOf(staged, project, reversed)), "skills", Set.of());

        assertThat(SkillsTree.digest(archive.entries())).isEqualTo(SkillsTree.digest(staged));
      }
    }

    @Test
    void keepsTheBytesOfTheFilesAskedFor() throws Exception {
      List<Entry> staged = SkillsTree.staged(project);

      SkillsArchive archive =
          SkillsArchive.read(
              new ByteArrayInputStream(tarOf(staged, project, false)),
              "skills",
              Set.of(PKG + "/package.json"));

      assertThat(archive.contents()).containsOnlyKeys(PKG + "/package.json");
      assertThat(new String(archive.contents().get(PKG + "/package.json"), StandardCharsets.UTF_8))
          .contains("1.0.0");
    }

    @Test
    void countsASymlinkPlantedInTheImage() throws Exception {
      ByteArrayOutputStream withLink = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(withLink)) {
        TarArchiveEntry link =
            new TarArchiveEntry("skills/node_modules/evil", TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("/etc/passwd");
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }

      SkillsArchive archive =
          SkillsArchive.read(new ByteArrayInputStream(withLink.toByteArray()), "skills", Set.of());

      assertThat(archive.entries())
          .containsExactly(
              new Entry(
                  "node_modules/evil", Kind.SYMLINK, false, Digests.sha256Hex("/etc/passwd")));
      assertThat(SkillsTree.digest(archive.entries())).isNotEqualTo(SkillsTree.digest(List.of()));
    }

    @Test
    void readsAHardLinkAsAFileWithItsTargetsContent() throws Exception {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] content = "same".getBytes(StandardCharsets.UTF_8);
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
        TarArchiveEntry file = new TarArchiveEntry("skills/a.js");
        file.setSize(content.length);
        tar.putArchiveEntry(file);
        tar.write(content);
        tar.closeArchiveEntry();
        TarArchiveEntry link = new TarArchiveEntry("skills/b.js", TarArchiveEntry.LF_LINK);
        link.setLinkName("skills/a.js");
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }

      SkillsArchive archive =
          SkillsArchive.read(new ByteArrayInputStream(bytes.toByteArray()), "skills", Set.of());

      assertThat(archive.entries())
          .extracting(Entry::kind, Entry::contentSha256)
          .containsOnly(tuple(Kind.FILE, Digests.sha256Hex("same")));
    }
  }
}
