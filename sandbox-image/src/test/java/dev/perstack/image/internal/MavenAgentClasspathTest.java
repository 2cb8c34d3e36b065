package dev.perstack.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.image.AgentClasspath;
import dev.perstack.image.ImageBuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenAgentClasspathTest {
  /**
   * The shape Maven gives: jackson-databind is shared, expanded (with jackson-core) under the image
   * module's own dependency and only mentioned under the agent's.
   */
  private static final String TREE =
      """
      {"groupId":"dev.perstack","artifactId":"sandbox-image","scope":"","classifier":"",
       "optional":"false","children":[
        {"groupId":"dev.perstack","artifactId":"sandbox-agent","scope":"runtime","classifier":"",
         "optional":"false","children":[
          {"groupId":"dev.perstack","artifactId":"protocol","scope":"runtime","classifier":"",
           "optional":"false","children":[
            {"groupId":"com.fasterxml.jackson.core","artifactId":"jackson-databind",
             "scope":"runtime","classifier":"","optional":"false"}]},
          {"groupId":"org.example","artifactId":"native","scope":"runtime",
           "classifier":"linux","optional":"false"},
          {"groupId":"org.example","artifactId":"maybe","scope":"runtime","classifier":"",
           "optional":"true"}]},
        {"groupId":"com.github.docker-java","artifactId":"docker-java-core","scope":"compile",
         "classifier":"","optional":"false","children":[
          {"groupId":"com.fasterxml.jackson.core","artifactId":"jackson-databind",
           "scope":"compile","classifier":"","optional":"false","children":[
            {"groupId":"com.fasterxml.jackson.core","artifactId":"jackson-core",
             "scope":"compile","classifier":"","optional":"false"}]},
          {"groupId":"com.google.guava","artifactId":"guava","scope":"compile","classifier":"",
           "optional":"false"}]},
        {"groupId":"org.junit.jupiter","artifactId":"junit-jupiter","scope":"test",
         "classifier":"","optional":"false"}]}
      """;

  private static final List<String> FILES =
      List.of(
          "",
          "The following files have been resolved:",
          "   dev.perstack:sandbox-agent:jar:0.1.0-SNAPSHOT:runtime:/r/sandbox-agent/target/classes",
          "   dev.perstack:protocol:jar:0.1.0-SNAPSHOT:runtime:/r/protocol/target/protocol.jar"
              + "\u001B[36m -- module protocol\u001B[0;1;33m (auto)\u001B[m",
          "   com.fasterxml.jackson.core:jackson-databind:jar:2.21.2:compile:/m2/databind.jar"
              + " -- module com.fasterxml.jackson.databind",
          "   com.fasterxml.jackson.core:jackson-core:jar:2.21.2:compile:/m2/core.jar",
          "   org.example:native:jar:linux:1.0:runtime:/m2/native-linux.jar",
          "   org.example:maybe:jar:1.0:runtime:/m2/maybe.jar",
          "   com.github.docker-java:docker-java-core:jar:3.7.1:compile:/m2/docker-java-core.jar",
          "   com.google.guava:guava:jar:33.5.0-jre:compile:/m2/guava.jar",
          "   org.junit.jupiter:junit-jupiter:jar:6.0.3:test:/m2/junit.jar");

  private static AgentClasspath resolve(String tree, List<String> files) throws Exception {
    JsonNode node = new ObjectMapper().readTree(tree);
    return MavenAgentClasspath.resolve(node, files, Path.of("tree.json"), Path.of("files.txt"));
  }

  @Nested
  class Closure {
    @Test
    void takesTheProjectsOwnEntriesAsTheApplication() throws Exception {
      assertThat(resolve(TREE, FILES).application())
          .containsExactly(
              Path.of("/r/sandbox-agent/target/classes"),
              Path.of("/r/protocol/target/protocol.jar"));
    }

    @Test
    void includesSharedArtifactsWithTheirChildrenFromElsewhereInTheTree() throws Exception {
      assertThat(resolve(TREE, FILES).dependencies())
          .containsExactly(
              Path.of("/m2/databind.jar"),
              Path.of("/m2/core.jar"),
              Path.of("/m2/native-linux.jar"));
    }

    @Test
    void leavesOutTheImageModulesOwnAndOptionalAndTestDependencies() throws Exception {
      assertThat(resolve(TREE, FILES).entries())
          .doesNotContain(
              Path.of("/m2/docker-java-core.jar"),
              Path.of("/m2/guava.jar"),
              Path.of("/m2/maybe.jar"),
              Path.of("/m2/junit.jar"));
    }
  }

  @Nested
  class Failures {
    @Test
    void namesAnArtifactWithoutAFile() {
      List<String> withoutCore =
          FILES.stream().filter(l -> !l.contains("jackson-core:jar")).toList();

      assertThatThrownBy(() -> resolve(TREE, withoutCore))
          .isInstanceOf(ImageBuildException.class)
          .hasMessageContaining("com.fasterxml.jackson.core:jackson-core has no resolved file")
          .hasMessageContaining("files.txt")
          .hasMessageContaining("./mvnw");
    }

    @Test
    void saysWhenTheTreeHasNoAgent() {
      assertThatThrownBy(() -> resolve("{\"groupId\":\"x\",\"artifactId\":\"y\"}", FILES))
          .hasMessageContaining("does not contain dev.perstack:sandbox-agent");
    }

    @Test
    void saysWhenTheFilesAreMissing(@TempDir Path dir) {
      assertThatThrownBy(() -> MavenAgentClasspath.read(dir))
          .isInstanceOf(ImageBuildException.class)
          .hasMessageContaining("classpath files are missing")
          .hasMessageContaining(dir.toString());
    }
  }

  @Nested
  class ThisBuild {
    @Test
    void listsTheRealAgentWithoutDockerJavaOrJib() throws Exception {
      AgentClasspath classpath = AgentClasspath.ofThisBuild();

      assertThat(classpath.application())
          .anySatisfy(p -> assertThat(p.toString()).contains("sandbox-agent"))
          .anySatisfy(p -> assertThat(p.toString()).contains("protocol"));
      assertThat(classpath.dependencies())
          .allSatisfy(p -> assertThat(Files.exists(p)).isTrue())
          .anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith("jackson-databind"))
          .anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith("mcp-core"))
          .anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith("slf4j-nop"))
          .noneSatisfy(p -> assertThat(p.toString()).containsAnyOf("docker-java", "jib", "guava"));
    }
  }
}
