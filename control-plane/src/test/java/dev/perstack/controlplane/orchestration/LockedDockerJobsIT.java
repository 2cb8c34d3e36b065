package dev.perstack.controlplane.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.dockerjava.api.DockerClient;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.lock.InstallException;
import dev.perstack.controlplane.lock.LockInstaller;
import dev.perstack.controlplane.lock.LockVerifier;
import dev.perstack.controlplane.sandbox.docker.BuiltSandboxImage;
import dev.perstack.controlplane.sandbox.docker.ContainerStatus;
import dev.perstack.controlplane.sandbox.docker.DockerEngine;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxRuntime;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxSettings;
import dev.perstack.controlplane.sandbox.docker.DockerToolListing;
import dev.perstack.controlplane.store.InMemoryJobStore;
import dev.perstack.image.BuildListener;
import dev.perstack.image.ImageBuild;
import dev.perstack.image.ImageBuildSettings;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.config.PerstackConfigLoader;
import dev.perstack.lockfile.lock.ExpertDefinitions;
import dev.perstack.lockfile.lock.LockFiles;
import dev.perstack.lockfile.lock.LockedPackage;
import dev.perstack.lockfile.lock.LockedToolDefinition;
import dev.perstack.lockfile.lock.PerstackLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code perstack install} and locked jobs for real: two npm MCP servers pinned from the registry
 * into a skills image, their tools captured in a sandbox, then a job in Docker (no network) that
 * starts the pinned server only when the model first calls it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LockedDockerJobsIT {
  private static final String VERSION = "2026.8.31";
  private static final String CONFIG =
      """
      model = "gpt-test"
      runtime = "docker"
      [provider]
      providerName = "openai"

      [experts."librarian"]
      instruction = "Answer from the files in /workspace."
      [experts."librarian".skills.files]
      type = "mcpStdioSkill"
      command = "npx"
      args = ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "/workspace"]
      [experts."librarian".skills.everything]
      type = "mcpStdioSkill"
      command = "npx"
      packageName = "@modelcontextprotocol/server-everything@2026.8.31"
      """;

  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final InMemoryJobStore store = new InMemoryJobStore();
  private final ScriptedGenerations model = new ScriptedGenerations();
  private final List<String> progress = new ArrayList<>();
  private final String owner = "test-" + UUID.randomUUID().toString().substring(0, 12);
  private Path project;
  private Path config;
  private DockerClient docker;
  private ImageBuild images;
  private DockerSandboxRuntime runtime;
  private PerstackLock lock;

  @BeforeAll
  void install() throws Exception {
    project = Files.createTempDirectory("perstack-locked-it");
    config = project.resolve("perstack.toml");
    Files.writeString(config, CONFIG);
    Files.writeString(project.resolve("notes.txt"), "The answer is 42.\n");
    docker = DockerEngine.connect();
    images = ImageBuild.using(docker, ImageBuildSettings.defaults());
    DockerSandboxSettings settings =
        new DockerSandboxSettings(
            DockerSandboxSettings.DEFAULTS.memoryBytes(),
            DockerSandboxSettings.DEFAULTS.cpus(),
            DockerSandboxSettings.DEFAULTS.pidsLimit(),
            DockerSandboxSettings.DEFAULTS.tmpfsBytes(),
            DockerSandboxSettings.DEFAULTS.tmpfsExec(),
            DockerSandboxSettings.DEFAULTS.sandboxUid(),
            DockerSandboxSettings.DEFAULTS.stopGrace(),
            DockerSandboxSettings.DEFAULTS.logBytes(),
            owner,
            DockerSandboxSettings.DEFAULTS.command());
    runtime =
        new DockerSandboxRuntime(
            docker,
            new BuiltSandboxImage(
                docker, ImageBuildSettings.defaults(), BuildListener.printingTo(System.out)),
            settings,
            ContainerStatus.Listener.NONE,
            Clock.systemUTC());
    new LockInstaller(
            images,
            new DockerToolListing(docker, settings)::list,
            line -> {
              System.out.println("install: " + line);
              progress.add(line);
            },
            Clock.systemUTC(),
            "test",
            Duration.ofMinutes(3))
        .install(config, loadConfig(), Map.of("PATH", System.getenv("PATH")));
    lock = LockFiles.read(LockFiles.besideConfig(config));
  }

  @AfterAll
  void close() throws Exception {
    pool.shutdownNow();
    runtime.close();
    images.close();
    docker.close();
  }

  @Test
  @Order(1)
  void theLockPinsBothPackagesTheImageAndEveryTool() throws Exception {
    assertThat(lock.version()).isEqualTo(2);
    assertThat(lock.packages())
        .extracting(LockedPackage::name)
        .containsExactly(
            "@modelcontextprotocol/server-everything", "@modelcontextprotocol/server-filesystem");
    assertThat(lock.packages()).allSatisfy(p -> assertThat(p.version()).isEqualTo(VERSION));
    assertThat(lock.packages()).allSatisfy(p -> assertThat(p.integrity()).startsWith("sha512-"));
    assertThat(lock.image()).isPresent();
    assertThat(runtime.hasImage(lock.image().get().id())).isTrue();
    var expert = lock.expert("librarian").orElseThrow();
    assertThat(expert.digest())
        .isEqualTo(ExpertDefinitions.digest(loadConfig().experts().get("librarian")));
    assertThat(expert.skillPackages())
        .containsEntry("files", "@modelcontextprotocol/server-filesystem")
        .containsEntry("everything", "@modelcontextprotocol/server-everything");
    assertThat(expert.toolsOf("files"))
        .extracting(LockedToolDefinition::name)
        .contains("read_text_file", "list_directory");
    assertThat(expert.toolsOf("everything")).hasSizeGreaterThan(5);
    assertThat(progress).anyMatch(l -> l.startsWith("pinned @modelcontextprotocol/server-"));
  }

  @Test
  @Order(2)
  void aLockedJobRunsOfflineInTheLockedImageAndStartsTheServerOnlyWhenCalled() throws Exception {
    model.tool("read_text_file", "{\"path\":\"/workspace/notes.txt\"}").text("It says 42.");

    JobRecord finished =
        orchestrator()
            .submit(JobRequest.run(config, "librarian", "What do the notes say?", project, "test"))
            .finished()
            .get(3, TimeUnit.MINUTES);

    assertThat(finished.state()).as(finished.error().orElse("")).isEqualTo(JobState.COMPLETED);
    assertThat(finished.image()).contains(lock.image().get().id());
    assertThat(finished.lockDigest()).contains(LockFiles.digest(LockFiles.besideConfig(config)));
    List<StoredEvent> events = store.events(finished.id(), 0, 1000);
    List<String> types = events.stream().map(StoredEvent::type).toList();
    assertThat(types.indexOf("startGeneration")).isLessThan(types.indexOf("skillStarting"));
    assertThat(events.stream().filter(e -> e.type().equals("skillStarting")))
        .extracting(StoredEvent::json)
        .allSatisfy(
            json -> assertThat(json).contains("\"command\":\"node\"").doesNotContain("npx"));
    assertThat(types).filteredOn("skillStarting"::equals).hasSize(1);
    assertThat(
            events.stream()
                .filter(e -> e.type().equals("resolveToolResults"))
                .map(StoredEvent::json)
                .findFirst()
                .orElseThrow())
        .contains("The answer is 42.");
  }

  @Test
  @Order(3)
  void anEditedDefinitionIsRefusedBeforeAnyContainerStarts() throws Exception {
    String original = Files.readString(config);
    Files.writeString(config, original.replace("Answer from the files", "Answer only from"));
    try {
      JobRejectedException e =
          catchThrowableOfType(
              () ->
                  orchestrator().submit(JobRequest.run(config, "librarian", "Hi", project, "test")),
              JobRejectedException.class);

      assertThat(e.kind()).isEqualTo(JobRejectedException.Kind.LOCK_REFUSED);
      assertThat(e.getMessage()).contains("librarian").contains("perstack install");
    } finally {
      Files.writeString(config, original);
    }
  }

  @Test
  @Order(4)
  void verifyHoldsForTheInstalledImage() throws Exception {
    assertThat(new LockVerifier(images).verify(lock, loadConfig())).isEmpty();
  }

  @Test
  @Order(5)
  void verifyReportsAPackageTamperedWithInsideTheImage() throws Exception {
    String reference = lock.image().get().reference();
    String originalId = lock.image().get().id();
    Path evil = Files.createTempDirectory("tamper").resolve("index.js");
    Files.writeString(evil, "console.error('tampered');\n");
    String container = docker.createContainerCmd(originalId).exec().getId();
    String tamperedId = null;
    try {
      docker
          .copyArchiveToContainerCmd(container)
          .withHostResource(evil.toString())
          .withRemotePath(
              "/opt/perstack/skills/node_modules/@modelcontextprotocol/server-filesystem/dist")
          .exec();
      int colon = reference.lastIndexOf(':');
      tamperedId =
          docker
              .commitCmd(container)
              .withRepository(reference.substring(0, colon))
              .withTag(reference.substring(colon + 1))
              .exec();

      List<String> mismatches = new LockVerifier(images).verify(lock, loadConfig());

      assertThat(mismatches).anyMatch(m -> m.contains(originalId));
      assertThat(mismatches)
          .anyMatch(
              m -> m.contains("@modelcontextprotocol/server-filesystem") && m.contains("files"));
      assertThat(mismatches).noneMatch(m -> m.contains("server-everything"));
    } finally {
      docker.removeContainerCmd(container).withForce(true).exec();
      int colon = reference.lastIndexOf(':');
      docker
          .tagImageCmd(originalId, reference.substring(0, colon), reference.substring(colon + 1))
          .withForce(true)
          .exec();
      if (tamperedId != null) {
        docker.removeImageCmd(tamperedId).withForce(true).exec();
      }
    }
    assertThat(new LockVerifier(images).verify(lock, loadConfig())).isEmpty();
  }

  @Test
  @Order(6)
  void aSkillThatCannotStartFailsTheInstallNamingItAndWritesNothing() throws Exception {
    Path other = Files.createTempDirectory("perstack-locked-it-broken");
    Path brokenConfig = other.resolve("perstack.toml");
    Files.writeString(brokenConfig, CONFIG.replace("\"/workspace\"]", "\"/no/such/directory\"]"));

    InstallException e =
        catchThrowableOfType(
            () ->
                new LockInstaller(
                        images,
                        new DockerToolListing(docker, DockerSandboxSettings.DEFAULTS)::list,
                        line -> {},
                        Clock.systemUTC(),
                        "test",
                        Duration.ofMinutes(3))
                    .install(
                        brokenConfig,
                        PerstackConfigLoader.load(brokenConfig).config(),
                        Map.of("PATH", System.getenv("PATH"))),
            InstallException.class);

    assertThat(e.getMessage()).contains("skill files failed").contains("perstack install");
    assertThat(LockFiles.besideConfig(brokenConfig)).doesNotExist();
  }

  private PerstackConfig loadConfig() throws Exception {
    return PerstackConfigLoader.load(config).config();
  }

  private JobOrchestrator orchestrator() throws Exception {
    Path home = Files.createTempDirectory("perstack-locked-home");
    return TestOrchestrators.on(store, model, home, OwnerLease.acquire(home))
        .runtimes(Map.of(DockerSandboxRuntime.NAME, runtime))
        .pool(pool)
        .settings(OrchestratorSettings.DEFAULTS)
        .build();
  }
}
