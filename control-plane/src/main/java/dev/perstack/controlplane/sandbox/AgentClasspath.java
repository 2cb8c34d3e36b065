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
    Optional<Path> agentJar = agentLocation().filter(p -> p.toString().endsWith(".jar"));
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

  private static Optional<Path> agentLocation() {
    try {
      return Optional.of(
          Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
