package dev.perstack.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real npm packages pinned into a layer on the shared sandbox image: staged with the host's npm,
 * started offline from the image, verified, tampered with and removed (the last two run last).
 */
@ExtendWith(SharedImages.Cleanup.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class SkillsImageIT {
  private static final String FILESYSTEM = "@modelcontextprotocol/server-filesystem";
  private static final String EVERYTHING = "@modelcontextprotocol/server-everything";
  private static final String VERSION = "2026.8.31";
  private static final List<String> SPECS =
      List.of(FILESYSTEM + "@" + VERSION, EVERYTHING + "@" + VERSION);
  private static final List<String> SH = List.of("/bin/sh", "-c");
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
  private static final String TOOLS = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

  @TempDir static Path dir;
  private static Docker docker;
  private static SandboxImage sandbox;
  private static StagedSkillPackages staged;
  private static SkillsImage image;
  private static final List<BuildProgress> progress = new ArrayList<>();

  @BeforeAll
  static void stageAndBuild() throws Exception {
    docker = Docker.connect();
    sandbox = SharedImages.get().image();
    BuildListener recorder =
        p -> {
          synchronized (progress) {
            progress.add(p);
          }
          System.out.println("[it skills] " + p.format());
        };
    long start = System.nanoTime();
    staged = SkillPackagesStage.install(SPECS, dir.resolve("skills"), recorder);
    long stageMillis = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    try (ImageBuild build = ImageBuild.connect(SharedImages.settings())) {
      image = build.ensureSkillsImage(sandbox, staged, recorder);
    }
    long buildMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("[it] skills: stage %d ms, image build %d ms%n", stageMillis, buildMillis);
  }

  @AfterAll
  static void close() throws Exception {
    docker.close();
  }

  private static NpmPackage staged(String name) {
    return staged.packages().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<SkillsMismatch> verify(String imageId, List<NpmPackage> expected)
      throws Exception {
    try (ImageBuild build = ImageBuild.connect(SharedImages.settings())) {
      return build.verifySkillsImage(imageId, image.reference(), staged.treeDigest(), expected);
    }
  }

  private static Docker.Run sh(String script) throws InterruptedException {
    return docker.run(image.id(), Docker.hardened(), "10001:10001", List.of(), SH, List.of(script));
  }

  /** Sends MCP requests on the server's stdin (kept open a moment for the answers). */
  private static Docker.Run mcp(String command) throws InterruptedException {
    String lines =
        String.join(
            " ", List.of(INITIALIZE, INITIALIZED, TOOLS).stream().map(l -> "'" + l + "'").toList());
    return sh("(printf '%s\\n' " + lines + "; sleep 2) | " + command);
  }

  @Nested
  @Order(1)
  class Staging {
    @Test
    void resolvesExactVersionsIntegritiesAndExecutablesInTheOrderOfTheSpecs() {
      assertThat(staged.packages())
          .extracting(NpmPackage::name)
          .containsExactly(FILESYSTEM, EVERYTHING);
      for (NpmPackage p : staged.packages()) {
        assertThat(p.version()).isEqualTo(VERSION);
        assertThat(p.integrity()).startsWith("sha512-");
        assertThat(p.bin()).isEqualTo("dist/index.js");
        assertThat(p.filesDigest()).matches("sha256:[0-9a-f]{64}");
      }
      assertThat(SkillsLayout.entry(staged(FILESYSTEM)))
          .isEqualTo("/opt/perstack/skills/node_modules/" + FILESYSTEM + "/dist/index.js");
      assertThat(progress).extracting(BuildProgress::stage).contains(BuildStage.SKILL_PACKAGES);
    }

    @Test
    void recordsTheIntegrityTheRegistryPublishes() throws Exception {
      Process view =
          new ProcessBuilder("npm", "view", FILESYSTEM + "@" + VERSION, "dist.integrity")
              .redirectErrorStream(true)
              .start();
      String out = new String(view.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(view.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(out).isEqualTo(staged(FILESYSTEM).integrity());
    }

    @Test
    void installsNoBinLinksOnTheHost() {
      assertThat(staged.directory().resolve("node_modules/.bin")).doesNotExist();
      assertThat(staged.directory().resolve("package-lock.json")).isRegularFile();
    }

    @Test
    void stagingTheSameSpecsElsewhereGivesTheSameDigests() throws Exception {
      StagedSkillPackages again =
          SkillPackagesStage.install(SPECS, dir.resolve("elsewhere"), BuildListener.NONE);

      assertThat(again.treeDigest()).isEqualTo(staged.treeDigest());
      assertThat(again.packages()).isEqualTo(staged.packages());
    }
  }

  @Nested
  @Order(2)
  class Image {
    private final InspectImageResponse inspected = docker.inspect(image.id());
    private final ContainerConfig config = inspected.getConfig();

    @Test
    void keepsTheSandboxImagesUserEntrypointAndEnvironment() {
      ContainerConfig base = docker.inspect(sandbox.imageId()).getConfig();

      assertThat(config.getUser()).isEqualTo("10001:10001");
      assertThat(config.getWorkingDir()).isEqualTo("/workspace");
      assertThat(config.getEntrypoint()).isEqualTo(base.getEntrypoint());
      assertThat(config.getEnv()).containsExactlyInAnyOrder(base.getEnv());
    }

    @Test
    void isLabelledWithItsPackagesTreeAndBase() {
      assertThat(config.getLabels())
          .containsEntry("dev.perstack.image", "sandbox-skills")
          .containsEntry("dev.perstack.base", sandbox.reference())
          .containsEntry("dev.perstack.skills.tree-digest", staged.treeDigest())
          .containsEntry("dev.perstack.skills.packages", String.join(" ", SPECS));
      assertThat(image.reference())
          .startsWith(SharedImages.SKILLS_REPOSITORY + ":")
          .isEqualTo(
              SharedImages.SKILLS_REPOSITORY
                  + ":"
                  + config.getLabels().get("dev.perstack.input-digest").substring(0, 12));
    }

    @Test
    void addsOneLayerOnTheSandboxImageAndIsDated1970() {
      List<String> base = docker.inspect(sandbox.imageId()).getRootFS().getLayers();

      assertThat(inspected.getRootFS().getLayers())
          .hasSize(base.size() + 1)
          .startsWith(base.toArray(String[]::new));
      assertThat(inspected.getCreated()).startsWith("1970-01-01T00:00:00");
    }

    @Test
    void itsFilesAreRootOwnedAndReadOnlyForTheSandboxUser() throws Exception {
      String entry = SkillsLayout.entry(staged(FILESYSTEM));
      Docker.Run run =
          sh(
              "cd "
                  + SkillsLayout.ROOT
                  + " && stat -c '%u:%a' . package.json node_modules "
                  + entry
                  + "; test -e node_modules/.bin && echo has-bin;"
                  + " touch package.json 2>/dev/null && echo writable");

      assertThat(run.stdout().lines().toList().subList(0, 3))
          .containsExactly("0:755", "0:644", "0:755");
      assertThat(run.stdout().lines().toList().get(3)).matches("0:(644|755)");
      assertThat(run.stdout()).doesNotContain("has-bin", "writable");
    }

    @Test
    void withoutNpmSkillsTheLayerHoldsOnlyPackageJsonAndVerifies() throws Exception {
      StagedSkillPackages none =
          SkillPackagesStage.install(List.of(), dir.resolve("none"), BuildListener.NONE);
      try (ImageBuild build = ImageBuild.connect(SharedImages.settings())) {
        SkillsImage empty = build.ensureSkillsImage(sandbox, none, BuildListener.NONE);
        try {
          Docker.Run run =
              docker.run(
                  empty.id(),
                  Docker.hardened(),
                  "",
                  List.of(),
                  SH,
                  List.of("ls -A " + SkillsLayout.ROOT));

          assertThat(empty).isNotEqualTo(image);
          assertThat(run.stdout().strip()).isEqualTo("package.json");
          assertThat(
                  build.verifySkillsImage(
                      empty.id(), empty.reference(), none.treeDigest(), List.of()))
              .isEmpty();
        } finally {
          docker.client().removeImageCmd(empty.id()).withForce(true).exec();
        }
      }
    }

    @Test
    void ensuringItAgainReusesItWithoutABuild() throws Exception {
      List<BuildProgress> again = new ArrayList<>();
      long start = System.nanoTime();
      SkillsImage reused;
      try (ImageBuild build = ImageBuild.connect(SharedImages.settings())) {
        reused = build.ensureSkillsImage(sandbox, staged, again::add);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(reused).isEqualTo(image);
      assertThat(again).extracting(BuildProgress::stage).doesNotContain(BuildStage.SKILL_LAYER);
      assertThat(millis).isLessThan(5_000);
      System.out.printf("[it] skills: warm ensureSkillsImage %d ms%n", millis);
    }
  }

  @Nested
  @Order(3)
  class OfflineRun {
    @Test
    void theFilesystemServerAnswersWithoutANetwork() throws Exception {
      Docker.Run run = mcp("node " + SkillsLayout.entry(staged(FILESYSTEM)) + " /workspace");

      assertThat(docker.inspect(image.id()).getConfig().getUser()).isEqualTo("10001:10001");
      assertThat(run.stderr()).contains("Secure MCP Filesystem Server running on stdio");
      assertThat(run.stdout())
          .contains("\"id\":1", "secure-filesystem-server")
          .contains("\"id\":2", "read_text_file", "list_directory");
    }

    @Test
    void theEverythingServerAnswersWithoutANetwork() throws Exception {
      Docker.Run run = mcp("node " + SkillsLayout.entry(staged(EVERYTHING)));

      assertThat(run.stdout()).contains("\"id\":1", "mcp-servers/everything").contains("\"id\":2");
    }
  }

  @Nested
  @Order(4)
  class Verify {
    @Test
    void anUntouchedImageMatchesItsLock() throws Exception {
      long start = System.nanoTime();
      List<SkillsMismatch> mismatches = verify(image.id(), staged.packages());
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(mismatches).isEmpty();
      System.out.printf("[it] skills: verify %d ms%n", millis);
    }

    @Test
    void aVersionOtherThanTheLocksIsReported() throws Exception {
      NpmPackage p = staged(EVERYTHING);
      NpmPackage older =
          new NpmPackage(p.name(), "2025.1.1", p.integrity(), p.bin(), p.filesDigest());

      assertThat(verify(image.id(), List.of(staged(FILESYSTEM), older)))
          .containsExactly(
              SkillsMismatch.ofPackage(
                  EVERYTHING,
                  EVERYTHING + " is " + VERSION + " in the image, the lock says 2025.1.1"));
    }

    @Test
    void aPackageTheImageLacksIsReported() throws Exception {
      NpmPackage p = staged(EVERYTHING);
      NpmPackage absent =
          new NpmPackage("left-pad", "1.3.0", p.integrity(), "index.js", p.filesDigest());
      List<NpmPackage> expected = new ArrayList<>(staged.packages());
      expected.add(absent);

      assertThat(verify(image.id(), expected))
          .containsExactly(
              SkillsMismatch.ofPackage("left-pad", "package left-pad is missing from the image"));
    }

    @Test
    void leavesNoContainerBehind() throws Exception {
      verify(image.id(), staged.packages());

      assertThat(
              docker
                  .client()
                  .listContainersCmd()
                  .withShowAll(true)
                  .withLabelFilter(Map.of("dev.perstack.image-reader", "true"))
                  .exec())
          .isEmpty();
    }
  }

  @Nested
  @Order(5)
  class Tampered {
    @Test
    void aChangedFileOfAPackageAndTheNewImageIdAreReported() throws Exception {
      String tampered = tamper("dist/index.js", "console.log('not the lock');\n");
      try {
        List<SkillsMismatch> mismatches = verify(image.id(), staged.packages());

        assertThat(mismatches)
            .contains(
                SkillsMismatch.ofImage(
                    "image "
                        + image.reference()
                        + " is "
                        + tampered
                        + ", the lock says "
                        + image.id()));
        assertThat(mismatches)
            .filteredOn(m -> m.packageName().isPresent())
            .singleElement()
            .satisfies(
                m -> {
                  assertThat(m.packageName()).contains(FILESYSTEM);
                  assertThat(m.what()).startsWith("the files of " + FILESYSTEM + " differ");
                });
        assertThat(mismatches)
            .anyMatch(m -> m.packageName().isEmpty() && m.what().contains("differ from the lock"));
      } finally {
        restore(tampered);
      }
    }

    @Test
    void ensuringAgainTagsTheBuiltImageNotTheTamperedOneThatKeptItsLabels() throws Exception {
      String tampered = tamper("README.md", "changed\n");
      try {
        SkillsImage again;
        try (ImageBuild build = ImageBuild.connect(SharedImages.settings())) {
          again = build.ensureSkillsImage(sandbox, staged, BuildListener.NONE);
        }

        assertThat(docker.inspect(tampered).getConfig().getLabels())
            .containsEntry("dev.perstack.image", "sandbox-skills");
        assertThat(again).isEqualTo(image);
        assertThat(docker.inspect(image.reference()).getId()).isEqualTo(image.id());
      } finally {
        restore(tampered);
      }
    }

    private void restore(String tampered) {
      // Tag first: removing the tampered image would also prune its untagged parent, the image.
      String[] ref = image.reference().split(":");
      docker.client().tagImageCmd(image.id(), ref[0], ref[1]).exec();
      docker.client().removeImageCmd(tampered).withForce(true).withNoPrune(true).exec();
    }

    /** Overwrites a file of the filesystem package, commits and tags it as the skills image. */
    private String tamper(String file, String content) throws Exception {
      String container = docker.client().createContainerCmd(image.id()).exec().getId();
      try {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
          TarArchiveEntry e = new TarArchiveEntry(Path.of(file).getFileName().toString());
          e.setSize(bytes.length);
          e.setMode(0100644);
          out.putArchiveEntry(e);
          out.write(bytes);
          out.closeArchiveEntry();
        }
        Path parent =
            Path.of(SkillsLayout.ROOT, "node_modules", FILESYSTEM).resolve(file).getParent();
        docker
            .client()
            .copyArchiveToContainerCmd(container)
            .withTarInputStream(new ByteArrayInputStream(tar.toByteArray()))
            .withRemotePath(parent.toString())
            .exec();
        String[] ref = image.reference().split(":");
        return docker.client().commitCmd(container).withRepository(ref[0]).withTag(ref[1]).exec();
      } finally {
        docker.client().removeContainerCmd(container).withForce(true).exec();
      }
    }
  }

  @Nested
  @Order(6)
  class Removed {
    @Test
    void aRemovedImageIsGone() throws Exception {
      docker.client().removeImageCmd(image.id()).withForce(true).exec();

      assertThat(verify(image.id(), staged.packages()))
          .containsExactly(SkillsMismatch.ofImage("image " + image.reference() + " is gone"));
      assertThat(Files.isDirectory(staged.directory())).isTrue();
    }
  }
}
