package dev.perstack.agent.mcp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real MCP servers from npm for tests, installed once into a cache directory shared by test runs:
 * {@code ~/.cache/perstack-test-npm}, or {@code PERSTACK_TEST_NPM_CACHE}.
 */
public final class NpmServers {
  private NpmServers() {}

  public static final String FILESYSTEM = "@modelcontextprotocol/server-filesystem";
  static final String EVERYTHING = "@modelcontextprotocol/server-everything";
  private static final String VERSION = "2026.8.31";

  private static Path installed;

  /** The cache directory with both servers installed; skips the test when node or npm is absent. */
  static synchronized Path cache() {
    assumeTrue(onPath("node"), "node is not on PATH: the MCP server tests need Node.js");
    assumeTrue(onPath("npm"), "npm is not on PATH: the MCP server tests need npm");
    if (installed == null) {
      installed = install(cacheDir());
    }
    return installed;
  }

  /** {@code node <cache>/node_modules/<pkg>/dist/index.js}, followed by {@code args}. */
  static List<String> command(String pkg, String... args) {
    List<String> line = new ArrayList<>();
    line.add(node());
    line.add(entry(pkg).toString());
    line.addAll(List.of(args));
    return line;
  }

  public static Path entry(String pkg) {
    return cache().resolve("node_modules").resolve(pkg).resolve("dist/index.js");
  }

  /** The absolute path of {@code node}, so that a skill's command does not depend on PATH. */
  public static String node() {
    return which("node");
  }

  /** The test's own MCP server script under {@code src/test/resources/mcp}. */
  static Path fakeServer() {
    assumeTrue(onPath("node"), "node is not on PATH: the MCP server tests need Node.js");
    try {
      return Path.of(NpmServers.class.getResource("/mcp/fake-server.mjs").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The base environment tests hand to skills: PATH and HOME of this JVM. */
  static Map<String, String> baseEnv() {
    return SkillEnvironment.base(System.getenv());
  }

  private static Path cacheDir() {
    String override = System.getenv("PERSTACK_TEST_NPM_CACHE");
    return override != null && !override.isBlank()
        ? Path.of(override)
        : Path.of(System.getProperty("user.home"), ".cache", "perstack-test-npm");
  }

  private static Path install(Path dir) {
    try {
      Files.createDirectories(dir);
      // Another test JVM may install into the same directory at the same time.
      try (FileChannel lockFile =
              FileChannel.open(
                  dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (!hasVersion(dir, FILESYSTEM) || !hasVersion(dir, EVERYTHING)) {
          run(
              dir,
              List.of(
                  which("npm"),
                  "install",
                  "--no-audit",
                  "--no-fund",
                  "--prefix",
                  dir.toString(),
                  FILESYSTEM + "@" + VERSION,
                  EVERYTHING + "@" + VERSION));
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasVersion(Path dir, String pkg) throws IOException {
    Path manifest = dir.resolve("node_modules").resolve(pkg).resolve("package.json");
    return Files.isRegularFile(manifest)
        && Files.readString(manifest).contains("\"version\": \"" + VERSION + "\"");
  }

  private static void run(Path dir, List<String> command) throws IOException {
    Path log = Files.createTempFile("npm-install", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command)
                + " failed:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing MCP servers", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static boolean onPath(String program) {
    return findOnPath(program) != null;
  }

  private static String which(String program) {
    Path found = findOnPath(program);
    if (found == null) {
      throw new IllegalStateException(program + " is not on PATH");
    }
    return found.toString();
  }

  private static Path findOnPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
