package dev.perstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./perstack} launcher's build decision, run for real in a copy of the project layout
 * where {@code mvnw} and {@code java} are stand-ins that record how they were called.
 */
class LauncherScriptTest {
  @TempDir Path root;
  private Path classpathFile;

  @BeforeEach
  void copyLauncherIntoAFakeProject() throws IOException {
    Files.copy(SharedFixtures.projectRoot().resolve("perstack"), root.resolve("perstack"));
    executable(root.resolve("perstack"));
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.createDirectories(root.resolve("lockfile/src/main/java"));
    Files.writeString(root.resolve("lockfile/src/main/java/A.java"), "class A {}");
    Files.createDirectories(root.resolve("control-plane/target"));
    classpathFile = root.resolve("control-plane/target/perstack-cli.classpath");
    script(
        root.resolve("mvnw"),
        "echo \"$@\" >> \""
            + root.resolve("mvnw.calls")
            + "\"\n"
            + "printf '/lib/a.jar' > \""
            + classpathFile
            + "\"\n"
            + "touch \""
            + root.resolve("control-plane/target/control-plane-0.1.0-SNAPSHOT.jar")
            + "\"\n");
    script(
        root.resolve("jdk/bin/java"),
        "printf '%s\\n' \"$@\" > \"" + root.resolve("java.args") + "\"\necho ran\n");
  }

  @Test
  void buildsFirstWhenTheCliWasNeverBuiltAndSaysSoOnStderr() throws Exception {
    Result result = launch("validate", "--strict");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stderr()).contains("building the CLI first");
    assertThat(Files.readString(root.resolve("mvnw.calls")))
        .contains("-pl control-plane -am package");
    assertThat(result.stdout()).isEqualTo("ran\n");
    assertThat(Files.readAllLines(root.resolve("java.args")))
        .contains("dev.perstack.cli.PerstackCli", "validate", "--strict")
        .anySatisfy(a -> assertThat(a).endsWith("control-plane-0.1.0-SNAPSHOT.jar:/lib/a.jar"));
  }

  @Test
  void skipsTheBuildWhenNothingChangedSinceTheLastOne() throws Exception {
    launch("--version");
    Files.delete(root.resolve("mvnw.calls"));

    Result result = launch("--version");

    assertThat(result.stderr()).doesNotContain("building");
    assertThat(root.resolve("mvnw.calls")).doesNotExist();
  }

  @Test
  void rebuildsWhenASourceIsNewerThanTheBuild() throws Exception {
    launch("--version");
    Files.setLastModifiedTime(classpathFile, FileTime.from(Instant.now().minusSeconds(60)));
    Files.setLastModifiedTime(
        root.resolve("lockfile/src/main/java/A.java"), FileTime.from(Instant.now()));

    Result result = launch("--version");

    assertThat(result.stderr()).contains("building the CLI first");
  }

  @Test
  void worksFromAnyWorkingDirectory(@TempDir Path elsewhere) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(root.resolve("perstack").toString(), "--version")
            .directory(elsewhere.toFile());
    builder.environment().put("JAVA_HOME", root.resolve("jdk").toString());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).isZero();
  }

  @Test
  void failsClearlyWhenTheBuildFails() throws Exception {
    script(root.resolve("mvnw"), "exit 1\n");

    Result result = launch("--version");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("the build failed");
  }

  private Result launch(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(root.resolve("perstack").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    builder.environment().put("JAVA_HOME", root.resolve("jdk").toString());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static void script(Path path, String body) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, "#!/usr/bin/env bash\n" + body);
    executable(path);
  }

  private static void executable(Path path) throws IOException {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  record Result(int exitCode, String stdout, String stderr) {}
}
