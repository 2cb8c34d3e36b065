package dev.perstack.image;

import dev.perstack.image.internal.MavenAgentClasspath;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The sandbox agent's runtime classpath, split into the project's own entries (jars or classes
 * directories; they change often and go into the top layer) and third-party jars (a layer of their
 * own below, which changes rarely). Order is classpath order.
 */
public record AgentClasspath(List<Path> application, List<Path> dependencies) {
  /** The directory, under this module's build output, where its Maven build lists the agent. */
  public static final String MAVEN_FILES_DIRECTORY = "agent-classpath";

  public AgentClasspath {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(dependencies, "dependencies");
    if (application.isEmpty()) {
      throw new IllegalArgumentException("the agent's classpath needs its own classes or jar");
    }
    application = absolute(application);
    dependencies = absolute(dependencies);
    Set<Path> seen = new HashSet<>();
    for (Path p : concat(application, dependencies)) {
      if (!seen.add(p)) {
        throw new IllegalArgumentException("a classpath entry is listed twice: " + p);
      }
    }
  }

  /** Every entry, the application's first. */
  public List<Path> entries() {
    return concat(application, dependencies);
  }

  /**
   * The real agent's classpath as the Maven build of this module resolved it (the sandbox-agent
   * module's jar or classes, protocol's, and their runtime dependencies); works when this module
   * runs from its build directory ({@code target/classes} or its jar in {@code target}).
   *
   * @throws ImageBuildException when the files are missing or do not describe the agent
   */
  public static AgentClasspath ofThisBuild() throws ImageBuildException {
    // A packaged application (the control plane's service mode) is told where the build's files
    // are.
    String configured = System.getProperty("perstack.agent-classpath-dir");
    if (configured != null && !configured.isBlank()) {
      return fromMavenFiles(Path.of(configured));
    }
    Path location;
    try {
      location =
          Path.of(AgentClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      throw new ImageBuildException(
          "cannot tell where the sandbox-image classes were loaded from",
          null,
          "pass an AgentClasspath that lists the agent's jars and classes",
          e);
    }
    return fromMavenFiles(location.getParent().resolve(MAVEN_FILES_DIRECTORY));
  }

  /**
   * The agent's classpath from the files that this module's Maven build writes into {@code
   * directory} ({@code dependency-tree.json} and {@code dependency-files.txt}).
   */
  public static AgentClasspath fromMavenFiles(Path directory) throws ImageBuildException {
    return MavenAgentClasspath.read(directory);
  }

  private static List<Path> absolute(List<Path> paths) {
    List<Path> out = new ArrayList<>(paths.size());
    for (Path p : paths) {
      out.add(Objects.requireNonNull(p, "a classpath entry").toAbsolutePath().normalize());
    }
    return List.copyOf(out);
  }

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
