package dev.perstack.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.image.ImageBuildException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpmBinTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAME = "@modelcontextprotocol/server-filesystem";

  private static String bin(String manifest) throws Exception {
    return NpmBin.resolve(NAME, manifest(manifest), "package.json");
  }

  private static JsonNode manifest(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Nested
  class Resolved {
    @Test
    void aStringBinIsThePackagesExecutable() throws Exception {
      assertThat(bin("{\"bin\": \"dist/index.js\"}")).isEqualTo("dist/index.js");
    }

    @Test
    void theEntryNamedLikeThePackageWithoutItsScopeWins() throws Exception {
      assertThat(
              bin(
                  "{\"bin\": {\"helper\": \"dist/helper.js\", \"server-filesystem\": \"./dist/index.js\"}}"))
          .isEqualTo("dist/index.js");
    }

    @Test
    void theOnlyEntryIsTakenWhateverItsName() throws Exception {
      assertThat(bin("{\"bin\": {\"mcp-server-filesystem\": \"dist/index.js\"}}"))
          .isEqualTo("dist/index.js");
    }

    @Test
    void dotSegmentsAndDoubleSlashesAreNormalisedAway() throws Exception {
      assertThat(bin("{\"bin\": \"./dist//./index.js\"}")).isEqualTo("dist/index.js");
    }
  }

  @Nested
  class Refused {
    @Test
    void aPackageWithoutExecutableCannotBeAnNpxSkill() {
      assertThatThrownBy(() -> bin("{\"name\": \"x\", \"main\": \"index.js\"}"))
          .isInstanceOf(ImageBuildException.class)
          .hasMessageContaining(NAME)
          .hasMessageContaining("has no executable")
          .hasMessageContaining("cannot be an npx skill");
    }

    @Test
    void severalExecutablesNoneNamedLikeThePackage() {
      assertThatThrownBy(() -> bin("{\"bin\": {\"a\": \"a.js\", \"b\": \"b.js\"}}"))
          .isInstanceOf(ImageBuildException.class)
          .hasMessageContaining("several executables [a, b]")
          .hasMessageContaining("none is named server-filesystem");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"/usr/bin/node", "../other/index.js", "dist/../../x.js", "dist\\\\x.js"})
    void pathsThatLeaveThePackage(String path) {
      assertThatThrownBy(() -> bin("{\"bin\": \"" + path + "\"}"))
          .isInstanceOf(ImageBuildException.class)
          .hasMessageContaining("not a path inside the package");
    }
  }
}
