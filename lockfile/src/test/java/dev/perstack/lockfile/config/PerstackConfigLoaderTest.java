package dev.perstack.lockfile.config;

import static dev.perstack.lockfile.config.Loading.errors;
import static dev.perstack.lockfile.config.Loading.expert;
import static dev.perstack.lockfile.config.Loading.load;
import static dev.perstack.lockfile.config.Loading.problems;
import static dev.perstack.lockfile.config.Loading.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PerstackConfigLoaderTest {

  @Nested
  class TopLevel {
    @Test
    void appliesTheReferenceDefaultsWhenTheFileSaysNothing() {
      PerstackConfig config = load(expert("a")).config();

      assertThat(config.model()).isEqualTo("claude-sonnet-4-5");
      assertThat(config.reasoningBudget())
          .isEqualTo(new ReasoningBudget.Level(ReasoningBudget.LevelName.LOW));
      assertThat(config.runtime()).isEqualTo(RuntimeName.DOCKER);
      assertThat(config.maxSteps()).isEqualTo(100);
      assertThat(config.maxRetries()).isEqualTo(5);
      assertThat(config.timeoutMillis()).isEqualTo(300_000L);
      assertThat(config.envPath()).containsExactly(".env", ".env.local");
      assertThat(config.provider()).isEqualTo(ProviderConfig.DEFAULT);
    }

    @Test
    void readsEveryTopLevelSetting() {
      PerstackConfig config =
          load("""
                  model = "gpt-5"
                  reasoningBudget = "high"
                  runtime = "kubernetes"
                  maxSteps = 7
                  maxRetries = 0
                  timeout = 1000
                  envPath = ["a.env"]
                  perstackApiBaseUrl = "https://api.example.com"
                  """
                  + expert("a"))
              .config();

      assertThat(config.model()).isEqualTo("gpt-5");
      assertThat(config.reasoningBudget().disabled()).isFalse();
      assertThat(config.runtime()).isEqualTo(RuntimeName.KUBERNETES);
      assertThat(config.maxSteps()).isEqualTo(7);
      assertThat(config.maxRetries()).isZero();
      assertThat(config.timeoutMillis()).isEqualTo(1000);
      assertThat(config.envPath()).containsExactly("a.env");
      assertThat(config.perstackApiBaseUrl()).contains("https://api.example.com");
    }

    @Test
    void acceptsAReasoningBudgetAsATokenCountAndZeroDisablesIt() {
      assertThat(load("reasoningBudget = 4096\n" + expert("a")).config().reasoningBudget())
          .isEqualTo(new ReasoningBudget.Tokens(4096));
      assertThat(load("reasoningBudget = 0\n" + expert("a")).config().reasoningBudget().disabled())
          .isTrue();
      assertThat(
              load("reasoningBudget = \"none\"\n" + expert("a"))
                  .config()
                  .reasoningBudget()
                  .disabled())
          .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"reasoningBudget = -1", "reasoningBudget = 1.5", "reasoningBudget = \"Low\""})
    void refusesAReasoningBudgetThatIsNeitherALevelNorATokenCount(String line) {
      assertThat(errors(line + "\n" + expert("a")))
          .contains("line 1, column 1")
          .contains("reasoningBudget");
    }

    @Test
    void refusesNumbersOfTheWrongTypeOrRange() {
      String errors = errors("maxSteps = 0\nmaxRetries = \"3\"\ntimeout = 1.5\n" + expert("a"));

      assertThat(errors)
          .contains("line 1, column 1: `maxSteps` is 0, outside 1..")
          .contains("line 2, column 1: `maxRetries` is the string \"3\", but it must be an integer")
          .contains("line 3, column 1: `timeout` is the number 1.5, but it must be an integer");
    }

    @Test
    void warnsThatRuntimesOfTheOriginalOnlyRunInDockerHere() {
      LoadedConfig loaded = load("runtime = \"cursor\"\n" + expert("a"));

      assertThat(loaded.config().runtime()).isEqualTo(RuntimeName.DOCKER);
      assertThat(loaded.warnings())
          .singleElement()
          .extracting(ConfigProblem::message)
          .asString()
          .contains("cursor");
    }

    @Test
    void refusesAnUnknownRuntimeWithAHint() {
      assertThat(errors("runtime = \"dokcer\"\n" + expert("a"))).contains("did you mean `docker`?");
    }

    @Test
    void refusesAPlainHttpApiBaseUrl() {
      assertThat(errors("perstackApiBaseUrl = \"http://api.example.com\"\n" + expert("a")))
          .contains("perstackApiBaseUrl");
    }

    @Test
    void warnsThatPerstackBaseSkillCommandHasNoEffect() {
      assertThat(warnings("perstackBaseSkillCommand = [\"node\", \"base.js\"]\n" + expert("a")))
          .contains("warning: `perstackBaseSkillCommand` has no effect here");
    }

    @Test
    void warnsWhenTheFileDefinesNoExperts() {
      assertThat(warnings("model = \"m\"\n")).contains("defines no experts");
    }
  }

  @Nested
  class Provider {
    @Test
    void readsEveryProviderWithItsOwnSettings() {
      String[][] cases = {
        {"anthropic", "baseUrl = \"https://a.example.com\""},
        {"openai", "organization = \"o\"\nproject = \"p\"\nname = \"n\""},
        {"google", "headers = { X-A = \"b\" }"},
        {"deepseek", "baseUrl = \"https://d.example.com\""},
        {"ollama", "baseUrl = \"http://ollama.lan:11434\""},
        {"azure-openai", "resourceName = \"r\"\napiVersion = \"v\"\nuseDeploymentBasedUrls = true"},
        {"amazon-bedrock", "region = \"eu-west-1\""},
        {"google-vertex", "project = \"p\"\nlocation = \"us-central1\""},
      };
      for (String[] c : cases) {
        String toml =
            "[provider]\nproviderName = \""
                + c[0]
                + "\"\n[provider.setting]\n"
                + c[1]
                + "\n"
                + expert("a");
        LoadedConfig loaded = load(toml);
        assertThat(loaded.config().provider().name().word()).isEqualTo(c[0]);
        assertThat(loaded.warnings()).as(c[0]).isEmpty();
      }
    }

    @Test
    void keepsSettingValues() {
      ProviderSettings settings =
          load("""
                  [provider]
                  providerName = "azure-openai"
                  [provider.setting]
                  resourceName = "res"
                  useDeploymentBasedUrls = true
                  headers = { "X-Team" = "platform" }
                  """
                  + expert("a"))
              .config()
              .provider()
              .settings();

      assertThat(settings.resourceName()).contains("res");
      assertThat(settings.useDeploymentBasedUrls()).contains(true);
      assertThat(settings.headers()).containsEntry("X-Team", "platform");
    }

    @Test
    void refusesAMissingOrUnknownProviderName() {
      assertThat(errors("[provider]\n" + expert("a"))).contains("has no `providerName`");
      assertThat(errors("[provider]\nproviderName = \"antropic\"\n" + expert("a")))
          .contains("did you mean `anthropic`?");
    }

    @Test
    void warnsAboutASettingThatBelongsToAnotherProvider() {
      assertThat(
              warnings(
                  "[provider]\nproviderName = \"anthropic\"\n[provider.setting]\nregion = \"x\"\n"
                      + expert("a")))
          .contains("it is a setting of amazon-bedrock, not of anthropic");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://gateway.example.com/v1",
          "http://localhost:8080",
          "http://127.0.0.1:9000/v1",
          "http://[::1]:9000"
        })
    void acceptsHttpsAndLoopbackHttpBaseUrls(String url) {
      load(
          "[provider]\nproviderName = \"openai\"\n[provider.setting]\nbaseUrl = \""
              + url
              + "\"\n"
              + expert("a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://gateway.example.com", "ftp://x.example.com", "not a url"})
    void refusesOtherBaseUrls(String url) {
      assertThat(
              errors(
                  "[provider]\nproviderName = \"openai\"\n[provider.setting]\nbaseUrl = \""
                      + url
                      + "\"\n"
                      + expert("a")))
          .contains("line 4")
          .contains("baseUrl");
    }

    @Test
    void refusesAHeaderValueWithALineBreak() {
      assertThat(
              errors(
                  "[provider]\nproviderName = \"openai\"\n[provider.setting.headers]\nX-A = \"a\\r\\nEvil: 1\"\n"
                      + expert("a")))
          .contains("line break");
    }
  }

  @Nested
  class Experts {
    @ParameterizedTest
    @ValueSource(
        strings = {"a", "code-reviewer", "@acme/triage", "@acme/triage@1.2.0", "x@latest", "a.b_c"})
    void acceptsKeysOfTheGrammar(String key) {
      assertThat(load(expert(key)).config().experts()).containsKey(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Code Reviewer", "UPPER", "@acme", "a/b", "-a"})
    void refusesKeysOffTheGrammar(String key) {
      assertThat(errors(expert(key))).contains("expert key `" + key + "` is not valid");
    }

    @Test
    void refusesAnInstructionOver20Kilobytes() {
      String toml = "[experts.a]\ninstruction = \"" + "x".repeat(20 * 1024 + 1) + "\"\n";

      assertThat(errors(toml)).contains("over the limit of 20480");
    }

    @Test
    void refusesADescriptionOver2048Characters() {
      assertThat(errors(expert("a", "description = \"" + "d".repeat(2049) + "\"")))
          .contains("description");
    }

    @Test
    void takesTheVersionFromTheKeyWhenNotGivenAndDefaultsTo100() {
      PerstackConfig config = load(expert("a@2.0.0") + expert("b")).config();

      assertThat(config.experts().get("a@2.0.0").version()).isEqualTo("2.0.0");
      assertThat(config.experts().get("b").version()).isEqualTo("1.0.0");
    }

    @Test
    void refusesAVersionThatIsNotSemver() {
      assertThat(errors(expert("a", "version = \"1.0\""))).contains("is not a semantic version");
    }

    @Test
    void refusesMoreThanEightTagsAndBadTags() {
      assertThat(
              errors(expert("a", "tags = [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]")))
          .contains("over the limit of 8");
      assertThat(errors(expert("a", "tags = [\"Bad Tag\"]")))
          .contains("tag `Bad Tag` is not valid");
    }

    @Test
    void resolvesDelegatesExactlyOrByTheirUnversionedName() {
      PerstackConfig config =
          load(expert("lead", "delegates = [\"@acme/helper\", \"writer\"]")
                  + expert("@acme/helper")
                  + expert("writer@1.0.0"))
              .config();

      assertThat(config.experts().get("lead").delegates())
          .containsExactly("@acme/helper", "writer@1.0.0");
    }

    @Test
    void refusesADelegateThatNamesNoExpertAtItsPosition() {
      assertThat(errors(expert("lead", "delegates = [\"helper\"]")))
          .contains("line 3, column 14")
          .contains("delegate `helper` of `lead` is not a defined expert");
    }

    @Test
    void refusesDelegatesThatWouldShareAToolName() {
      assertThat(
              errors(
                  expert("lead", "delegates = [\"@a/x\", \"@b/x\"]")
                      + expert("@a/x")
                      + expert("@b/x")))
          .contains("would both be the tool `x`");
    }

    @Test
    void readsProviderNativeToolsAndSkills() {
      ExpertDefinition expert =
          load(expert(
                  "a",
                  "providerTools = [\"webSearch\"]",
                  "providerSkills = [{ type = \"builtin\", skillId = \"pdf\" }, { type = \"custom\", name = \"n\", definition = \"d\" }]",
                  "[experts.a.providerToolOptions.webSearch]",
                  "maxUses = 3",
                  "allowedDomains = [\"example.com\"]"))
              .config()
              .experts()
              .get("a");

      assertThat(expert.providerTools()).containsExactly("webSearch");
      assertThat(expert.providerSkills())
          .containsExactly(new ProviderSkill.Builtin("pdf"), new ProviderSkill.Custom("n", "d"));
      assertThat(expert.providerToolOptions().webSearchMaxUses()).hasValue(3);
    }

    @Test
    void refusesPunycodeInWebSearchAllowedDomains() {
      assertThat(
              errors(
                  expert(
                      "a",
                      "[experts.a.providerToolOptions.webSearch]",
                      "allowedDomains = [\"xn--p1ai\"]")))
          .contains("punycode");
    }

    @Test
    void warnsAboutAProviderToolTheProviderDoesNotOffer() {
      assertThat(warnings(expert("a", "providerTools = [\"googleSearch\"]")))
          .contains("not offered by anthropic");
    }

    @Test
    void refusesAnUnknownBuiltinProviderSkill() {
      assertThat(
              errors(expert("a", "providerSkills = [{ type = \"builtin\", skillId = \"exe\" }]")))
          .contains("`exe` does not exist");
    }
  }

  @Nested
  class Skills {
    @Test
    void readsAStdioSkillByPackageWithNpxImplyingYes() {
      McpStdioSkill skill =
          (McpStdioSkill)
              load(expert(
                      "a",
                      "[experts.a.skills.fs]",
                      "type = \"mcpStdioSkill\"",
                      "command = \"npx\"",
                      "packageName = \"@modelcontextprotocol/server-filesystem\"",
                      "args = []",
                      "lazyInit = true",
                      "rule = \"Be careful.\""))
                  .config()
                  .experts()
                  .get("a")
                  .skills()
                  .get("fs");

      assertThat(skill.commandArguments())
          .containsExactly("-y", "@modelcontextprotocol/server-filesystem");
      assertThat(skill.lazyInit()).isTrue();
      assertThat(skill.rule()).contains("Be careful.");
    }

    @Test
    void refusesAStdioSkillWithNeitherPackageNorArgs() {
      assertThat(
              errors(
                  expert(
                      "a",
                      "[experts.a.skills.s]",
                      "type = \"mcpStdioSkill\"",
                      "command = \"node\"")))
          .contains("line 3, column 1")
          .contains("neither `packageName` nor a non-empty `args`");
    }

    @Test
    void refusesAStdioSkillWithoutCommand() {
      assertThat(
              errors(
                  expert(
                      "a",
                      "[experts.a.skills.s]",
                      "type = \"mcpStdioSkill\"",
                      "packageName = \"x\"")))
          .contains("has no `command`");
    }

    @Test
    void refusesAMissingOrUnknownTypeNamingTheThreeTypes() {
      assertThat(errors(expert("a", "[experts.a.skills.s]", "command = \"x\"")))
          .contains("has no `type`");
      assertThat(errors(expert("a", "[experts.a.skills.s]", "type = \"mcpStdio\"")))
          .contains("mcpStdioSkill, mcpSseSkill, interactiveSkill");
    }

    @Test
    void readsAnSseSkill() {
      McpSseSkill skill =
          (McpSseSkill)
              load(expert(
                      "a",
                      "[experts.a.skills.t]",
                      "type = \"mcpSseSkill\"",
                      "endpoint = \"https://mcp.example.com/sse\"",
                      "allowedDomains = [\"Example.COM.\", \"*.cdn.example.com\"]"))
                  .config()
                  .experts()
                  .get("a")
                  .skills()
                  .get("t");

      assertThat(skill.endpoint().getHost()).isEqualTo("mcp.example.com");
      assertThat(skill.allowedDomains()).containsExactly("example.com", "*.cdn.example.com");
    }

    @Test
    void readsAnInteractiveSkillAndChecksItsSchemas() {
      String toml =
          expert(
              "a",
              "[experts.a.skills.human]",
              "type = \"interactiveSkill\"",
              "[experts.a.skills.human.tools.ask]",
              "description = \"Ask\"",
              "inputJsonSchema = '{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}'");

      InteractiveSkill skill =
          (InteractiveSkill) load(toml).config().experts().get("a").skills().get("human");

      assertThat(skill.tools()).containsOnlyKeys("ask");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "'{\"type\":'",
          "'[1,2]'",
          "'{\"type\":\"string\"}'",
          "'{\"type\":\"object\",\"required\":\"q\"}'",
        })
    void refusesAnInputJsonSchemaThatIsNotAnObjectSchema(String schema) {
      String toml =
          expert(
              "a",
              "[experts.a.skills.human]",
              "type = \"interactiveSkill\"",
              "[experts.a.skills.human.tools.ask]",
              "inputJsonSchema = " + schema);

      assertThat(errors(toml)).contains("line 6, column 1").contains("inputJsonSchema");
    }

    @Test
    void refusesAnInteractiveSkillWithoutTools() {
      assertThat(errors(expert("a", "[experts.a.skills.h]", "type = \"interactiveSkill\"")))
          .contains("has no `tools`");
    }
  }

  @Nested
  class BaseSkillRules {
    @Test
    void addsTheBaseSkillWhenNotListed() {
      ExpertDefinition expert =
          load(expert(
                  "a",
                  "[experts.a.skills.gh]",
                  "type = \"mcpStdioSkill\"",
                  "command = \"npx\"",
                  "packageName = \"gh-mcp\""))
              .config()
              .experts()
              .get("a");

      assertThat(expert.skills()).containsKeys(BaseSkill.NAME, "gh");
      assertThat(expert.baseSkill().listed()).isFalse();
    }

    @Test
    void treatsAListedBaseSkillPackageAsTheInProcessBaseSkillWithItsFilters() {
      BaseSkill base =
          load(expert(
                  "a",
                  "[experts.a.skills.\"@perstack/base\"]",
                  "type = \"mcpStdioSkill\"",
                  "command = \"npx\"",
                  "packageName = \"@perstack/base@0.0.34\"",
                  "omit = [\"exec\"]",
                  "requiredEnv = [\"GH_TOKEN\"]"))
              .config()
              .experts()
              .get("a")
              .baseSkill();

      assertThat(base.listed()).isTrue();
      assertThat(base.exposes("exec")).isFalse();
      assertThat(base.exposes("readTextFile")).isTrue();
      assertThat(base.requiredEnv()).containsExactly("GH_TOKEN");
    }

    @Test
    void acceptsTheOriginalsArgsFormForTheBaseSkill() {
      load(
          expert(
              "a",
              "[experts.a.skills.\"@perstack/base\"]",
              "type = \"mcpStdioSkill\"",
              "command = \"npx\"",
              "args = [\"-y\", \"@perstack/base\"]"));
    }

    @Test
    void warnsWhenFilteringAToolTheBaseSkillDoesNotHave() {
      String toml =
          expert(
              "a",
              "[experts.a.skills.\"@perstack/base\"]",
              "type = \"mcpStdioSkill\"",
              "command = \"npx\"",
              "packageName = \"@perstack/base\"",
              "pick = [\"think\", \"readTextFil\"]");

      assertThat(warnings(toml))
          .contains("no tool `think`")
          .contains("did you mean `readTextFile`?");
    }

    @Test
    void refusesTheReservedNameForASkillOfAnotherType() {
      assertThat(
              errors(
                  expert(
                      "a",
                      "[experts.a.skills.\"@perstack/base\"]",
                      "type = \"mcpSseSkill\"",
                      "endpoint = \"https://mcp.example.com/sse\"")))
          .contains("reserved for the base skill, which is an mcpStdioSkill");
    }

    @Test
    void refusesTheReservedNameForAnotherServer() {
      assertThat(
              errors(
                  expert(
                      "a",
                      "[experts.a.skills.\"@perstack/base\"]",
                      "type = \"mcpStdioSkill\"",
                      "command = \"node\"",
                      "args = [\"evil.js\"]")))
          .contains("reserved for the base skill");
    }
  }

  @Nested
  class Security {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "LD_PRELOAD",
          "ld_library_path",
          "DYLD_INSERT_LIBRARIES",
          "PATH",
          "NODE_OPTIONS",
          "PYTHONPATH",
          "PERL5LIB",
          "RUBYLIB",
          "HOME",
          "SHELL",
          "NODE_PATH",
          "LD_BIND_NOW",
          "GCONV_PATH",
          "IFS"
        })
    void refusesProtectedEnvironmentNames(String name) {
      assertThat(errors(stdioWith("requiredEnv = [\"" + name + "\"]")))
          .contains("protected variable");
    }

    @Test
    void warnsWhenAProviderKeyIsHandedToTheSandbox() {
      assertThat(warnings(stdioWith("requiredEnv = [\"OPENAI_API_KEY\"]")))
          .contains("provider credential");
    }

    @Test
    void refusesMalformedEnvironmentNames() {
      assertThat(errors(stdioWith("requiredEnv = [\"A=B\"]"))).contains("not a variable name");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "xn--80ak6aa92e.com",
          "sub.xn--p1ai",
          "*.xn--e1afmkfd.xn--p1ai",
          "exa mple.com",
          "*",
          "a..b",
          "http://example.com"
        })
    void refusesPunycodeAndMalformedAllowedDomains(String domain) {
      assertThat(errors(stdioWith("allowedDomains = [\"" + domain + "\"]")))
          .contains("allowedDomains");
    }

    @Test
    void normalisesTheTrailingDotAndCaseOfAllowedDomains() {
      McpStdioSkill skill =
          (McpStdioSkill)
              load(stdioWith("allowedDomains = [\"GitHub.com.\"]"))
                  .config()
                  .experts()
                  .get("a")
                  .skills()
                  .get("s");

      assertThat(skill.allowedDomains()).containsExactly("github.com");
    }

    @Test
    void refusesAPrivateSseEndpointAtTheEndpointLine() {
      assertThat(
              errors(
                  expert(
                      "a",
                      "[experts.a.skills.s]",
                      "type = \"mcpSseSkill\"",
                      "endpoint = \"https://10.1.2.3/sse\"")))
          .contains("line 5, column 1")
          .contains("non-public address (10.1.2.3)");
    }

    private String stdioWith(String line) {
      return expert(
          "a",
          "[experts.a.skills.s]",
          "type = \"mcpStdioSkill\"",
          "command = \"npx\"",
          "packageName = \"x\"",
          line);
    }
  }

  @Nested
  class Compatibility {
    @Test
    void acceptsTopLevelSettingsInsideProviderWithAWarning() {
      LoadedConfig loaded =
          load(
              "[provider]\nproviderName = \"anthropic\"\nmodel = \"m\"\nmaxSteps = 3\nenvPath = [\"x.env\"]\n"
                  + expert("a"));

      assertThat(loaded.config().model()).isEqualTo("m");
      assertThat(loaded.config().maxSteps()).isEqualTo(3);
      assertThat(loaded.config().envPath()).containsExactly("x.env");
      assertThat(loaded.warnings())
          .hasSize(3)
          .allSatisfy(w -> assertThat(w.message()).contains("belongs at the top level"));
    }

    @Test
    void letsTheTopLevelValueWinOverTheOneInProvider() {
      LoadedConfig loaded =
          load(
              "model = \"top\"\n[provider]\nproviderName = \"anthropic\"\nmodel = \"inner\"\n"
                  + expert("a"));

      assertThat(loaded.config().model()).isEqualTo("top");
      assertThat(loaded.warnings())
          .singleElement()
          .extracting(ConfigProblem::message)
          .asString()
          .contains("is ignored");
    }

    @Test
    void warnsAboutUnknownKeysWithADidYouMeanHint() {
      assertThat(warnings("[experts.a]\ninstruction = \"x\"\ninstructons = \"y\"\n"))
          .contains(
              "line 3, column 1: warning: unknown key `experts.a.instructons` is ignored. did you mean `instruction`?");
    }

    @Test
    void saysWhereAKeyOfAnotherSkillTypeBelongs() {
      assertThat(
              warnings(
                  expert(
                      "a",
                      "[experts.a.skills.s]",
                      "type = \"mcpStdioSkill\"",
                      "command = \"npx\"",
                      "packageName = \"x\"",
                      "endpoint = \"https://x.example.com\"")))
          .contains("it belongs to skills of type mcpSseSkill");
    }

    @Test
    void strictTurnsEveryWarningIntoAnError() {
      List<ConfigProblem> problems =
          problems(
              "[experts.a]\ninstruction = \"x\"\nfoo = 1\n", LoadOptions.DEFAULT.withStrict(true));

      assertThat(problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.severity()).isEqualTo(Severity.ERROR);
                assertThat(p.message()).startsWith("(strict) unknown key");
              });
    }
  }

  @Nested
  class ExpertScopedLoads {
    private static final String FILE =
        expert("lead", "delegates = [\"helper\"]")
            + expert("helper")
            + "[experts.broken]\ndescription = \"no instruction\"\n";

    @Test
    void refusesOnlyProblemsTheExpertCanReach() {
      LoadedConfig loaded = load(FILE, LoadOptions.DEFAULT.forExpert("lead"));

      assertThat(loaded.config().experts()).containsOnlyKeys("lead", "helper");
      assertThat(loaded.warnings())
          .singleElement()
          .extracting(ConfigProblem::message)
          .asString()
          .contains("`lead` does not use `broken`");
    }

    @Test
    void refusesTheBrokenExpertItself() {
      assertThat(problems(FILE, LoadOptions.DEFAULT.forExpert("broken")))
          .anySatisfy(p -> assertThat(p.message()).contains("has no `instruction`"));
    }

    @Test
    void refusesAnExpertThatIsNotDefinedListingTheOthers() {
      assertThat(problems(FILE, LoadOptions.DEFAULT.forExpert("nope")))
          .anySatisfy(p -> assertThat(p.fix()).contains("lead, helper, broken"));
    }

    @Test
    void validateStillReportsEveryProblemInTheFile() {
      assertThat(errors(FILE)).contains("`experts.broken` has no `instruction`");
    }
  }

  @Nested
  class Reporting {
    @Test
    void reportsEveryProblemOfAFileInOnePassInFileOrder() {
      List<ConfigProblem> problems =
          problems(
              "maxSteps = \"x\"\n[experts.\"Bad Key\"]\ninstruction = 1\n[experts.b]\ndelegates = [\"zzz\"]\n");

      assertThat(problems).extracting(p -> p.position().line()).isSorted();
      assertThat(problems)
          .filteredOn(p -> p.severity() == Severity.ERROR)
          .hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void reportsATomlSyntaxErrorWithItsPosition() {
      assertThat(errors("[experts.a]\ninstruction = \"open\n"))
          .startsWith("perstack.toml: line 2, column ")
          .contains("TOML syntax error");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "[experts.a]\ninstruction = \"bad \\u12 escape\"\n",
          "[experts.\"bad \\u12\"]\ninstruction = \"x\"\n"
        })
    void reportsAMalformedEscapeAsASyntaxErrorThatSaysHowToWriteABackslash(String toml) {
      assertThat(errors(toml))
          .contains("TOML syntax error")
          .contains("escape")
          .contains("literal string");
    }

    @Test
    void reportsARepeatedKeyAsASyntaxError() {
      assertThat(errors("[experts.a]\ninstruction = \"x\"\ninstruction = \"y\"\n"))
          .contains("line 3");
    }
  }
}
