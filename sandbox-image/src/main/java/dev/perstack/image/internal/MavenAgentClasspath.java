package dev.perstack.image.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.image.AgentClasspath;
import dev.perstack.image.ImageBuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the agent's classpath from what the sandbox-image Maven build writes: the verbose runtime
 * dependency tree (JSON) and the resolved file of each artifact ({@code dependency:list}).
 *
 * <p>This module's own dependencies (docker-java, jib-core) share artifacts with the agent's
 * (Jackson, SLF4J), and Maven shows a shared artifact expanded under only one of its parents. So
 * the agent's closure is every artifact below the agent's node plus, for each of them, the children
 * it has anywhere in the tree.
 */
public final class MavenAgentClasspath {
  /** The agent's coordinates. */
  public static final String AGENT = "dev.perstack:sandbox-agent";

  static final String TREE_FILE = "dependency-tree.json";
  static final String FILES_FILE = "dependency-files.txt";
  private static final String FIX =
      "build the project from source so that sandbox-image lists the agent again:"
          + " ./mvnw -q -pl sandbox-image -am package -DskipTests";
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

  private MavenAgentClasspath() {}

  /** The classpath described by the two files in {@code directory}. */
  public static AgentClasspath read(Path directory) throws ImageBuildException {
    Path treeFile = directory.resolve(TREE_FILE);
    Path filesFile = directory.resolve(FILES_FILE);
    JsonNode tree;
    List<String> fileLines;
    try {
      tree = new ObjectMapper().readTree(treeFile.toFile());
      fileLines = Files.readAllLines(filesFile);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new ImageBuildException(
          "the sandbox agent's classpath files are missing", directory.toString(), FIX, e);
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot read the sandbox agent's classpath files: " + e.getMessage(),
          directory.toString(),
          FIX,
          e);
    }
    return resolve(tree, fileLines, treeFile, filesFile);
  }

  static AgentClasspath resolve(
      JsonNode tree, List<String> fileLines, Path treeFile, Path filesFile)
      throws ImageBuildException {
    Map<String, Set<String>> children = new LinkedHashMap<>();
    collectChildren(tree, children);
    JsonNode agent = find(tree, AGENT);
    if (agent == null) {
      throw new ImageBuildException(
          "the dependency tree does not contain " + AGENT, treeFile.toString(), FIX, null);
    }
    Set<String> closure = new LinkedHashSet<>();
    addClosure(key(agent), children, closure);
    Map<String, Path> files = files(fileLines);
    String projectGroup = agent.path("groupId").asText();
    List<Path> application = new ArrayList<>();
    List<Path> dependencies = new ArrayList<>();
    for (String k : closure) {
      Path file = files.get(k);
      if (file == null) {
        throw new ImageBuildException(
            "the agent's dependency " + k + " has no resolved file",
            filesFile.toString(),
            FIX,
            null);
      }
      (k.startsWith(projectGroup + ":") ? application : dependencies).add(file);
    }
    return new AgentClasspath(application, dependencies);
  }

  private static void addClosure(String k, Map<String, Set<String>> children, Set<String> out) {
    if (!out.add(k)) {
      return;
    }
    for (String child : children.getOrDefault(k, Set.of())) {
      addClosure(child, children, out);
    }
  }

  private static void collectChildren(JsonNode node, Map<String, Set<String>> children) {
    Set<String> mine = children.computeIfAbsent(key(node), k -> new LinkedHashSet<>());
    for (JsonNode child : node.path("children")) {
      String scope = child.path("scope").asText();
      boolean runtime = scope.equals("compile") || scope.equals("runtime");
      if (runtime && !child.path("optional").asText().equals("true")) {
        mine.add(key(child));
        collectChildren(child, children);
      }
    }
  }

  private static JsonNode find(JsonNode node, String groupAndArtifact) {
    if ((node.path("groupId").asText() + ":" + node.path("artifactId").asText())
        .equals(groupAndArtifact)) {
      return node;
    }
    for (JsonNode child : node.path("children")) {
      JsonNode found = find(child, groupAndArtifact);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static String key(JsonNode node) {
    return key(
        node.path("groupId").asText(),
        node.path("artifactId").asText(),
        node.path("classifier").asText(""));
  }

  private static String key(String group, String artifact, String classifier) {
    return group + ":" + artifact + (classifier.isEmpty() ? "" : ":" + classifier);
  }

  /** {@code g:a[:classifier]} to file, from {@code g:a:type[:classifier]:version:scope:/path}. */
  static Map<String, Path> files(List<String> lines) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (String raw : lines) {
      String line = ANSI.matcher(raw).replaceAll("").strip();
      int pathStart = line.indexOf(":/");
      if (pathStart < 0) {
        continue;
      }
      String[] coordinates = line.substring(0, pathStart).split(":");
      if (coordinates.length != 5 && coordinates.length != 6) {
        continue;
      }
      String path = line.substring(pathStart + 1);
      int module = path.indexOf(" -- module ");
      if (module >= 0) {
        path = path.substring(0, module);
      }
      String classifier = coordinates.length == 6 ? coordinates[3] : "";
      files.put(key(coordinates[0], coordinates[1], classifier), Path.of(path.strip()));
    }
    return files;
  }
}
