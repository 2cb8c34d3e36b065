package dev.perstack.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.agent.skill.SkillException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SkillEnvironmentTest {
  static final Map<String, String> AGENT_ENV =
      Map.of(
          "PATH", "/usr/bin",
          "HOME", "/tmp",
          "HTTPS_PROXY", "http://proxy:3128",
          "no_proxy", "localhost",
          "JOB_TOKEN", "secret",
          "ANTHROPIC_API_KEY", "secret",
          "TERM", "");

  @Nested
  class Base {
    @Test
    void keepsOnlyTheAllowedNamesWithAValue() {
      assertThat(SkillEnvironment.base(AGENT_ENV))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "PATH", "/usr/bin",
                  "HOME", "/tmp",
                  "HTTPS_PROXY", "http://proxy:3128",
                  "no_proxy", "localhost"));
    }
  }

  @Nested
  class ForSkill {
    @Test
    void addsEachRequiredVariableAndNothingElseFromTheGrant() throws SkillException {
      Map<String, String> env =
          SkillEnvironment.forSkill(
              "github",
              List.of("GH_TOKEN"),
              Map.of("GH_TOKEN", "ghp_x", "OTHER", "not for this skill"),
              AGENT_ENV);

      assertThat(env)
          .containsEntry("GH_TOKEN", "ghp_x")
          .containsEntry("PATH", "/usr/bin")
          .doesNotContainKeys("OTHER", "JOB_TOKEN", "ANTHROPIC_API_KEY");
    }

    @Test
    void aMissingValueNamesTheVariableAndTheSkill() {
      assertThatThrownBy(
              () -> SkillEnvironment.forSkill("github", List.of("GH_TOKEN"), Map.of(), AGENT_ENV))
          .isInstanceOf(SkillException.class)
          .hasMessageStartingWith("skill github: requires environment variable GH_TOKEN")
          .satisfies(e -> assertThat(((SkillException) e).skillName()).isEqualTo("github"));
    }

    @Test
    void anEmptyValueCountsAsMissing() {
      assertThatThrownBy(
              () ->
                  SkillEnvironment.forSkill(
                      "github", List.of("GH_TOKEN"), Map.of("GH_TOKEN", ""), AGENT_ENV))
          .hasMessageContaining("GH_TOKEN");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "PATH",
          "path",
          "HOME",
          "SHELL",
          "NODE_PATH",
          "LD_PRELOAD",
          "LD_LIBRARY_PATH",
          "LD_AUDIT",
          "DYLD_INSERT_LIBRARIES",
          "dyld_anything",
          "NODE_OPTIONS",
          "PYTHONPATH",
          "PYTHONHOME",
          "PERL5LIB",
          "RUBYLIB",
          "JAVA_TOOL_OPTIONS",
          "BASH_ENV",
          "ENV",
          // As exec refuses them: they too steer the loader or the shell.
          "LD_BIND_NOW",
          "GCONV_PATH",
          "IFS"
        })
    void aProtectedNameIsRefusedEvenWithAValue(String name) {
      assertThatThrownBy(
              () -> SkillEnvironment.forSkill("evil", List.of(name), Map.of(name, "/x"), AGENT_ENV))
          .isInstanceOf(SkillException.class)
          .hasMessageContaining(name)
          .hasMessageContaining("protected");
    }
  }
}
