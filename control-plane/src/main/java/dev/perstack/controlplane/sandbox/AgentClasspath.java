package dev.perstack.controlplane.sandbox;

import dev.perstack.agent.AgentMain;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a classpath that runs the sandbox agent as a separate process: an explicit setting, the
 * jars beside the agent's jar (a packaged application), or this JVM's own classpath.
 */
final class AgentClasspath {
  private AgentClasspath() {}

  static String find() {
    String explicit = System.getProperty("perstack.agent.classpath");
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    // In a packaged application every dependency sits beside the agent's jar (Quarkus'
    // lib/main); in a build tree the agent's jar stands alone in its module's target/.
    Optional<Path> agentJar =
        agentLocation()
            .filter(p -> p.toString().endsWith(".jar"))
            .filter(AgentClasspath::hasDependenciesBeside);
    if (agentJar.isPresent()) {
      try (Stream<Path> jars = Files.list(agentJar.get().getParent())) {
        List<String> entries = new ArrayList<>();
        jars.filter(p -> p.toString().endsWith(".jar")).forEach(p -> entries.add(p.toString()));
        return String.join(java.io.File.pathSeparator, entries);
      } catch (IOException e) {
        // Fall back to this JVM's classpath.
      }
    }
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  private static boolean hasDependenciesBeside(Path agentJar) {
    try (Stream<Path> jars = Files.list(agentJar.getParent())) {
      return jars.anyMatch(p -> p.getFileName().toString().contains("protocol"));
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<Path> agentLocation() {
    try {
      return Optional.of(
          Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
