package dev.perstack.image.internal;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import dev.perstack.image.AgentClasspath;
import dev.perstack.image.ImageBuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipFile;

/**
 * Where the agent's files go in the sandbox image, how it starts, and the digest of all of it:
 * third-party jars in {@code /app/libs} (first layer), the project's jars and classes in {@code
 * /app/agent} (second layer), an empty {@code /workspace} owned by the sandbox user.
 */
public final class AgentLayout {
  /** The sandbox user and group: not root, no passwd entry. */
  public static final String USER = "10001:10001";

  /** The working directory; the runtime mounts the job's workspace here. */
  public static final String WORKDIR = "/workspace";

  /** The agent's main class (a name only: this module never loads the agent's classes). */
  public static final String MAIN_CLASS = "dev.perstack.agent.AgentMain";

  /**
   * JVM options for a small, I/O-bound process (goal: resident set at most 64 MiB): serial GC that
   * gives memory back, C1 only with one compiler thread (a job's JVM is young for all of its life,
   * and C2's compiles compete with the job for the CPU: bench/control-plane.sh), small thread
   * stacks, a heap bounded by the container's memory limit.
   */
  public static final List<String> JAVA_OPTIONS =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1",
          "-Xss512k",
          "-XX:MaxRAMPercentage=50",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=30",
          "-XX:ReservedCodeCacheSize=32m",
          "-XX:MaxMetaspaceSize=128m",
          "-XX:+ExitOnOutOfMemoryError",
          "-Xshare:auto",
          "-Duser.home=/tmp",
          "-Djava.io.tmpdir=/tmp");

  /** The environment of the agent (and of the skills it starts). */
  public static final Map<String, String> ENVIRONMENT =
      new TreeMap<>(
          Map.of(
              "HOME", "/tmp",
              "LANG", "C.UTF-8",
              "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));

  static final String JAVA = "/usr/bin/java";
  private static final String LAYOUT_VERSION = "1";

  /** One classpath entry: its source, its path in the image and the digest of its content. */
  record Entry(Path source, String target, boolean directory, String digest) {}

  private final List<Entry> dependencies;
  private final List<Entry> application;

  private AgentLayout(List<Entry> dependencies, List<Entry> application) {
    this.dependencies = List.copyOf(dependencies);
    this.application = List.copyOf(application);
  }

  /** Reads every entry of the classpath (to digest it); fails when one is missing. */
  public static AgentLayout of(AgentClasspath classpath) throws ImageBuildException {
    Set<String> names = new HashSet<>();
    List<Entry> deps = new ArrayList<>();
    for (Path p : classpath.dependencies()) {
      deps.add(entry(p, "/app/libs/", names));
    }
    List<Entry> app = new ArrayList<>();
    for (Path p : classpath.application()) {
      app.add(entry(p, "/app/agent/", names));
    }
    requireMainClass(classpath.application());
    return new AgentLayout(deps, app);
  }

  /** {@code java <options> -cp <application, then dependencies> <main class>}. */
  public List<String> entrypoint() {
    List<String> e = new ArrayList<>();
    e.add(JAVA);
    e.addAll(JAVA_OPTIONS);
    e.add("-cp");
    List<String> cp = new ArrayList<>();
    application.forEach(a -> cp.add(a.target()));
    dependencies.forEach(d -> cp.add(d.target()));
    e.add(String.join(":", cp));
    e.add(MAIN_CLASS);
    return List.copyOf(e);
  }

  /** The labels of the image (besides the input digest). */
  public static Map<String, String> labels(String inputDigest, String baseReference) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.IMAGE, Labels.SANDBOX);
    labels.put(Labels.INPUT_DIGEST, inputDigest);
    labels.put(Labels.BASE, baseReference);
    return labels;
  }

  /**
   * The SHA-256 of everything that decides the image: the base image's id, the layout, the
   * entrypoint, the environment and each entry's path and content.
   */
  public String inputDigest(String baseImageId) {
    StringBuilder s = new StringBuilder("perstack-sandbox-image/" + LAYOUT_VERSION + "\n");
    s.append("base=").append(baseImageId).append('\n');
    s.append("user=").append(USER).append("\nworkdir=").append(WORKDIR).append('\n');
    s.append("entrypoint=").append(String.join(" ", entrypoint())).append('\n');
    ENVIRONMENT.forEach((k, v) -> s.append("env ").append(k).append('=').append(v).append('\n'));
    for (Entry e : dependencies) {
      s.append("dependency ").append(e.target()).append(' ').append(e.digest()).append('\n');
    }
    for (Entry e : application) {
      s.append("application ").append(e.target()).append(' ').append(e.digest()).append('\n');
    }
    return Digests.sha256Hex(s.toString());
  }

  /**
   * The two layers, dependencies first; every file root-owned and read-only for the sandbox user,
   * dated 1970-01-01T00:00:01Z (jib's default), so equal inputs give equal layers.
   *
   * @param emptyDirectory an empty directory, the source of {@code /workspace}
   */
  public List<FileEntriesLayer> layers(Path emptyDirectory) throws IOException {
    FileEntriesLayer.Builder deps = FileEntriesLayer.builder().setName("dependencies");
    for (Entry e : dependencies) {
      add(deps, e);
    }
    FileEntriesLayer.Builder app = FileEntriesLayer.builder().setName("agent");
    for (Entry e : application) {
      add(app, e);
    }
    app.addEntry(
        emptyDirectory,
        AbsoluteUnixPath.get(WORKDIR),
        FilePermissions.fromOctalString("755"),
        FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
        USER);
    return List.of(deps.build(), app.build());
  }

  /** How many entries each layer has: dependencies, then application. */
  public List<Integer> entryCounts() {
    return List.of(dependencies.size(), application.size());
  }

  private static void add(FileEntriesLayer.Builder layer, Entry e) throws IOException {
    if (e.directory()) {
      layer.addEntryRecursive(e.source(), AbsoluteUnixPath.get(e.target()));
    } else {
      layer.addEntry(e.source(), AbsoluteUnixPath.get(e.target()));
    }
  }

  private static Entry entry(Path source, String prefix, Set<String> names)
      throws ImageBuildException {
    boolean directory = Files.isDirectory(source);
    if (!directory && !Files.isRegularFile(source)) {
      throw new ImageBuildException(
          "a classpath entry of the agent does not exist",
          source.toString(),
          "build the agent first (./mvnw -q -pl sandbox-image -am package -DskipTests)"
              + " or correct the AgentClasspath",
          null);
    }
    String name = directory ? directoryName(source) : source.getFileName().toString();
    String unique = name;
    for (int i = 2; !names.add(unique); i++) {
      unique = i + "-" + name;
    }
    try {
      String digest = directory ? Digests.ofTree(source) : Digests.ofFile(source);
      return new Entry(source, prefix + unique, directory, digest);
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot read a classpath entry of the agent: " + e.getMessage(),
          source.toString(),
          "check the file's permissions",
          e);
    }
  }

  /** Fails unless an application entry holds the main class (a stale jar would not start). */
  private static void requireMainClass(List<Path> application) throws ImageBuildException {
    String file = MAIN_CLASS.replace('.', '/') + ".class";
    for (Path p : application) {
      if (Files.isDirectory(p) ? Files.isRegularFile(p.resolve(file)) : jarHas(p, file)) {
        return;
      }
    }
    throw new ImageBuildException(
        "no entry of the agent's classpath holds " + MAIN_CLASS,
        application.toString(),
        "build the agent with this module (./mvnw -q -pl sandbox-image -am package -DskipTests):"
            + " without -am Maven takes an old sandbox-agent jar from the local repository",
        null);
  }

  private static boolean jarHas(Path jar, String file) throws ImageBuildException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.getEntry(file) != null;
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot read the agent's jar: " + e.getMessage(),
          jar.toString(),
          "rebuild it (./mvnw -q -pl sandbox-image -am package -DskipTests)",
          e);
    }
  }

  /** {@code .../sandbox-agent/target/classes} is named {@code sandbox-agent}. */
  private static String directoryName(Path dir) {
    Path name = dir.getFileName();
    Path parent = dir.getParent();
    if (name != null
        && name.toString().equals("classes")
        && parent != null
        && parent.getFileName() != null
        && parent.getFileName().toString().equals("target")
        && parent.getParent() != null
        && parent.getParent().getFileName() != null) {
      return parent.getParent().getFileName().toString();
    }
    return name == null ? "classes" : name.toString();
  }
}
