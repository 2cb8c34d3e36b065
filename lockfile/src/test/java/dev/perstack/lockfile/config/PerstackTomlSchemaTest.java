package dev.perstack.lockfile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.perstack.lockfile.config.internal.DomainPatterns;
import dev.perstack.lockfile.config.internal.EnvNames;
import dev.perstack.lockfile.config.internal.KnownKeys;
import dev.perstack.lockfile.config.internal.PublicEndpoints;
import dev.perstack.testsupport.SharedFixtures;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * The JSON Schema of {@code perstack.toml} ({@code perstack schema}): a valid 2020-12 schema that
 * accepts every valid fixture, refuses the invalid ones it can express, and names exactly the keys
 * the loader reads ({@link KnownKeys}), so that loader and schema cannot drift apart.
 */
class PerstackTomlSchemaTest {
  private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final JsonNode DOCUMENT = readTree(PerstackTomlSchema.json());
  private static final Schema SCHEMA = REGISTRY.getSchema(PerstackTomlSchema.json());

  /** The invalid fixtures whose problem a JSON Schema can state (the rest need the loader). */
  private static final List<String> EXPRESSIBLE_INVALID_FIXTURES =
      List.of(
          "bad-expert-key.toml",
          "bad-reasoning-budget.toml",
          "missing-instruction.toml",
          "package-and-args.toml",
          "private-sse-endpoint.toml",
          "protected-env.toml",
          "punycode-domain.toml",
          "unknown-skill-type.toml");

  /** Every keyword of the JSON Schema 2020-12 vocabularies; anything else is a typo. */
  private static final Set<String> KEYWORDS_2020_12 =
      Set.of(
          "$schema",
          "$id",
          "$ref",
          "$anchor",
          "$dynamicRef",
          "$dynamicAnchor",
          "$defs",
          "$comment",
          "$vocabulary",
          "allOf",
          "anyOf",
          "oneOf",
          "not",
          "if",
          "then",
          "else",
          "dependentSchemas",
          "prefixItems",
          "items",
          "contains",
          "properties",
          "patternProperties",
          "additionalProperties",
          "propertyNames",
          "unevaluatedItems",
          "unevaluatedProperties",
          "type",
          "enum",
          "const",
          "multipleOf",
          "maximum",
          "exclusiveMaximum",
          "minimum",
          "exclusiveMinimum",
          "maxLength",
          "minLength",
          "pattern",
          "maxItems",
          "minItems",
          "uniqueItems",
          "maxContains",
          "minContains",
          "maxProperties",
          "minProperties",
          "required",
          "dependentRequired",
          "title",
          "description",
          "default",
          "deprecated",
          "readOnly",
          "writeOnly",
          "examples",
          "format",
          "contentEncoding",
          "contentMediaType",
          "contentSchema");

  private static final Set<String> SINGLE_SUBSCHEMA =
      Set.of(
          "not",
          "if",
          "then",
          "else",
          "items",
          "contains",
          "additionalProperties",
          "propertyNames",
          "unevaluatedItems",
          "unevaluatedProperties",
          "contentSchema");
  private static final Set<String> SUBSCHEMA_ARRAYS =
      Set.of("allOf", "anyOf", "oneOf", "prefixItems");
  private static final Set<String> SUBSCHEMA_MAPS =
      Set.of("properties", "patternProperties", "$defs", "dependentSchemas");

  @Nested
  class TheSchemaDocument {
    @Test
    void isValidAgainstTheDraft202012MetaSchema() {
      Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of(DIALECT));

      assertThat(metaSchema.validate(DOCUMENT)).isEmpty();
    }

    @Test
    void declaresTheDialectAnIdATitleAndADescription() {
      assertThat(DOCUMENT.path("$schema").asText()).isEqualTo(DIALECT);
      assertThat(DOCUMENT.path("$id").asText()).startsWith("https://").endsWith(".json");
      assertThat(DOCUMENT.path("title").asText()).isEqualTo("perstack.toml");
      assertThat(DOCUMENT.path("description").asText()).isNotBlank();
    }

    @Test
    void usesOnlyDraft202012Keywords() {
      List<String> unknown = new ArrayList<>();
      walk(
          DOCUMENT,
          "#",
          (pointer, schema) ->
              schema
                  .fieldNames()
                  .forEachRemaining(
                      keyword -> {
                        if (!KEYWORDS_2020_12.contains(keyword)) {
                          unknown.add(pointer + "/" + keyword);
                        }
                      }));

      assertThat(unknown).as("keywords that are not JSON Schema 2020-12 (typos?)").isEmpty();
    }

    @Test
    void resolvesEveryReferenceToADefinition() {
      List<String> dangling = new ArrayList<>();
      walk(
          DOCUMENT,
          "#",
          (pointer, schema) -> {
            if (schema.has("$ref")) {
              String ref = schema.get("$ref").asText();
              if (!ref.startsWith("#/") || DOCUMENT.at(ref.substring(1)).isMissingNode()) {
                dangling.add(pointer + " -> " + ref);
              }
            }
          });

      assertThat(dangling).isEmpty();
    }

    @Test
    void describesEveryDefinitionAndEveryKeyOfEveryTable() {
      List<String> undescribed = new ArrayList<>();
      DOCUMENT
          .path("$defs")
          .fields()
          .forEachRemaining(
              def -> {
                if (def.getValue().path("description").asText().isBlank()) {
                  undescribed.add("#/$defs/" + def.getKey());
                }
              });
      for (String pointer : closedTables()) {
        table(pointer)
            .path("properties")
            .fields()
            .forEachRemaining(
                property -> {
                  if (property.getValue().path("description").asText().isBlank()) {
                    undescribed.add(pointer + "/properties/" + property.getKey());
                  }
                });
      }

      assertThat(undescribed).as("editors show these without hover text").isEmpty();
    }
  }

  @Nested
  class Fixtures {
    static Stream<Path> validFixtures() throws IOException {
      return tomlFiles("valid");
    }

    static Stream<String> expressibleInvalidFixtures() {
      return EXPRESSIBLE_INVALID_FIXTURES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void everyValidFixtureValidatesWithoutErrors(Path fixture) throws IOException {
      TomlParseResult toml = Toml.parse(fixture);
      assertThat(toml.errors()).isEmpty();

      assertThat(errors(readTree(toml.toJson())))
          .as("schema errors for %s", fixture.getFileName())
          .isEmpty();
    }

    @Test
    void thereAreValidFixtures() throws IOException {
      assertThat(validFixtures()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressibleInvalidFixtures")
    void invalidFixtureIsRejected(String name) throws IOException {
      Path fixture = SharedFixtures.toml().resolve("invalid").resolve(name);
      TomlParseResult toml = Toml.parse(fixture);
      assertThat(toml.errors()).isEmpty();

      assertThat(errors(readTree(toml.toJson()))).as("schema errors for %s", name).isNotEmpty();
    }

    @Test
    void everyOtherInvalidFixtureNeedsTheLoader() throws IOException {
      Set<String> rest =
          tomlFiles("invalid")
              .map(p -> p.getFileName().toString())
              .filter(n -> !EXPRESSIBLE_INVALID_FIXTURES.contains(n))
              .collect(Collectors.toCollection(TreeSet::new));

      // A TOML syntax error is not a document, and delegates name other keys of the same file.
      assertThat(rest)
          .as("a new invalid fixture belongs in EXPRESSIBLE_INVALID_FIXTURES or here")
          .containsExactly("toml-syntax.toml", "undefined-delegate.toml");
    }
  }

  /** Each table of the file, held to exactly the keys the loader reads. */
  @Nested
  class DriftGuard {
    static Stream<Arguments> tables() {
      List<Arguments> tables = new ArrayList<>();
      tables.add(arguments("#", KnownKeys.TOP_LEVEL));
      tables.add(
          arguments(
              "#/$defs/provider", union(KnownKeys.PROVIDER, KnownKeys.MISPLACED_IN_PROVIDER)));
      tables.add(
          arguments(
              "#/$defs/providerSetting",
              union(KnownKeys.PROVIDER_SETTINGS.values().toArray(Set[]::new))));
      for (ProviderName provider : ProviderName.values()) {
        tables.add(
            arguments(
                "#/$defs/" + settingDefinition(provider),
                KnownKeys.PROVIDER_SETTINGS.get(provider)));
      }
      tables.add(arguments("#/$defs/expert", KnownKeys.EXPERT));
      tables.add(arguments("#/$defs/mcpStdioSkill", KnownKeys.STDIO_SKILL));
      tables.add(arguments("#/$defs/mcpSseSkill", KnownKeys.SSE_SKILL));
      tables.add(arguments("#/$defs/interactiveSkill", KnownKeys.INTERACTIVE_SKILL));
      tables.add(arguments("#/$defs/interactiveTool", KnownKeys.INTERACTIVE_TOOL));
      tables.add(arguments("#/$defs/providerToolOptions", KnownKeys.PROVIDER_TOOL_OPTIONS));
      tables.add(arguments("#/$defs/webSearchOptions", KnownKeys.WEB_SEARCH_OPTIONS));
      tables.add(arguments("#/$defs/webFetchOptions", KnownKeys.WEB_FETCH_OPTIONS));
      tables.add(arguments("#/$defs/fileSearchOptions", KnownKeys.FILE_SEARCH_OPTIONS));
      tables.add(arguments("#/$defs/builtinProviderSkill", KnownKeys.BUILTIN_PROVIDER_SKILL));
      tables.add(arguments("#/$defs/customProviderSkill", KnownKeys.CUSTOM_PROVIDER_SKILL));
      return tables.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void tableNamesExactlyTheKeysTheLoaderReads(String pointer, Set<String> known) {
      JsonNode table = table(pointer);

      assertThat(table.path("type").asText()).isEqualTo("object");
      assertThat(fieldNames(table.path("properties")))
          .as("properties of %s", pointer)
          .containsExactlyInAnyOrderElementsOf(known);
      assertThat(table.path("additionalProperties").isBoolean()).isTrue();
      assertThat(table.path("additionalProperties").booleanValue())
          .as("%s must flag unknown keys", pointer)
          .isFalse();
    }

    @Test
    void everyClosedTableOfTheSchemaIsGuarded() {
      Set<String> guarded =
          tables().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));

      assertThat(new TreeSet<>(closedTables())).isEqualTo(guarded);
    }

    @Test
    void providerNamesAreTheEightProviders() {
      assertThat(textValues(definition("providerName").path("enum")))
          .containsExactlyElementsOf(
              Arrays.stream(ProviderName.values()).map(ProviderName::word).toList());
    }

    @Test
    void eachProviderNameSelectsItsOwnSettingTable() {
      JsonNode conditions = definition("provider").path("allOf");
      for (ProviderName provider : ProviderName.values()) {
        List<String> selected = new ArrayList<>();
        conditions.forEach(
            c -> {
              if (c.at("/if/properties/providerName/const").asText().equals(provider.word())) {
                assertThat(c.at("/if/required").toString()).contains("providerName");
                selected.add(c.at("/then/properties/setting/$ref").asText());
              }
            });
        assertThat(selected)
            .as("the setting table of %s", provider.word())
            .containsExactly("#/$defs/" + settingDefinition(provider));
      }
      assertThat(conditions).hasSize(ProviderName.values().length);
    }

    @Test
    void misplacedKeysInProviderAreDeprecatedAliasesOfTheTopLevelOnes() {
      JsonNode provider = definition("provider").path("properties");
      for (String key : KnownKeys.MISPLACED_IN_PROVIDER) {
        JsonNode property = provider.path(key);
        assertThat(property.path("deprecated").asBoolean()).as(key).isTrue();
        assertThat(property.path("$ref").asText())
            .as(key)
            .isEqualTo(DOCUMENT.at("/properties/" + key + "/$ref").asText())
            .isNotEmpty();
      }
      assertThat(definition("provider").path("required").toString()).contains("providerName");
    }

    @Test
    void skillTypesAreTheThreeOfTheReference() {
      JsonNode skill = definition("skill");

      assertThat(textValues(skill.at("/properties/type/enum")))
          .containsExactly("mcpStdioSkill", "mcpSseSkill", "interactiveSkill");
      for (String type : List.of("mcpStdioSkill", "mcpSseSkill", "interactiveSkill")) {
        assertThat(definition(type).at("/properties/type/const").asText()).isEqualTo(type);
        assertThat(skill.path("oneOf").toString()).contains("\"#/$defs/" + type + "\"");
      }
    }

    @Test
    void baseSkillToolSuggestionsAreTheBaseSkillsTools() {
      JsonNode base = definition("baseSkill");

      for (String filter : List.of("pick", "omit")) {
        assertThat(textValues(base.at("/properties/" + filter + "/items/examples")))
            .containsExactlyElementsOf(BaseSkill.TOOLS);
      }
      assertThat(DOCUMENT.at("/$defs/expert/properties/skills/properties").has(BaseSkill.NAME))
          .isTrue();
    }

    @Test
    void providerToolNamesAreTheOnesTheLoaderKnows() throws ReflectiveOperationException {
      Set<String> known =
          privateConstant("dev.perstack.lockfile.config.internal.ProviderToolsReader", "ALL_TOOLS");

      assertThat(textValues(DOCUMENT.at("/$defs/expert/properties/providerTools/items/enum")))
          .containsExactlyInAnyOrderElementsOf(known);
    }

    @Test
    void builtinProviderSkillsAreTheOnesTheLoaderKnows() throws ReflectiveOperationException {
      List<String> known =
          privateConstant(
              "dev.perstack.lockfile.config.internal.ProviderToolsReader", "BUILTIN_SKILLS");

      assertThat(textValues(definition("builtinProviderSkill").at("/properties/skillId/enum")))
          .containsExactlyInAnyOrderElementsOf(known);
    }

    @Test
    void everyProtectedEnvironmentNameIsRejectedInAnyCase() throws ReflectiveOperationException {
      Set<String> protectedNames =
          privateConstant("dev.perstack.lockfile.config.internal.EnvNames", "PROTECTED");
      assertThat(protectedNames).contains("PATH", "LD_PRELOAD", "NODE_OPTIONS");

      for (String name : protectedNames) {
        for (String spelling : List.of(name, name.toLowerCase(Locale.ROOT), capitalized(name))) {
          assertThat(accepts("envName", spelling)).as(spelling).isFalse();
        }
      }
    }
  }

  /** Single values, held to the loader's own rules for them. */
  @Nested
  class AgreementWithTheLoaderRules {
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
        strings = {
          "a",
          "hello",
          "code-reviewer",
          "summarizer",
          "@acme/triage",
          "@acme/triage@1.2.0",
          "@code-reviewer/style-checker",
          "triage@beta",
          "triage@1.0.0-rc.1+build.5",
          "a.b_c-d",
          "0",
          "Code Reviewer",
          "UPPER",
          "@scope/",
          "@/name",
          "a/b",
          "a@",
          "@a/b@1.0",
          "-a",
          ".a",
          "a@@b",
          "a b",
          ""
        })
    void expertKeysFollowTheExpertKeyGrammar(String key) {
      assertThat(accepts("expertKey", key)).isEqualTo(ExpertKey.parse(key).isPresent());
    }

    @Test
    void expertKeysAreAtMost511Characters() {
      String longest = "a".repeat(ExpertKey.MAX_LENGTH);

      assertThat(accepts("expertKey", longest)).isTrue();
      assertThat(accepts("expertKey", longest + "a")).isFalse();
      assertThat(ExpertKey.parse(longest + "a")).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
        strings = {
          "API_TOKEN",
          "GH_TOKEN",
          "GIT_AUTHOR_NAME",
          "my-var",
          "1ABC",
          "PATHS",
          "MYPATH",
          "ENVIRONMENT",
          "DYLD",
          "ANTHROPIC_API_KEY",
          "PATH",
          "path",
          "Home",
          "LD_PRELOAD",
          "DYLD_INSERT_LIBRARIES",
          "dyld_library_path",
          "LD_BIND_NOW",
          "ld_anything",
          "LDX",
          "GCONV_PATH",
          "ifs",
          "IFSX",
          "ENV",
          "_JAVA_OPTIONS",
          "_X",
          "A B",
          "A=B",
          ""
        })
    void environmentNamesFollowTheLoader(String name) {
      boolean loaderAccepts = EnvNames.isWellFormed(name) && !EnvNames.isProtected(name);

      assertThat(accepts("envName", name)).isEqualTo(loaderAccepts);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
        strings = {
          "example.com",
          "github.com",
          "*.example.com",
          "*.cdn.example.com",
          "Example.COM",
          "example.com.",
          " example.com ",
          "localhost",
          "a-b.c0",
          "xn--80ak6aa92e.com",
          "a.xn--p1ai",
          "XN--abc.com",
          "*.xn--foo.com",
          "axn--b.com",
          "exa_mple.com",
          "-a.com",
          "a-.com",
          "*.*.a.com",
          "a.*.com",
          "*",
          "*.",
          "",
          "a..b",
          "https://example.com",
          "example.com/path",
          "exämple.com"
        })
    void allowedDomainsFollowTheLoader(String pattern) {
      assertThat(accepts("domainPattern", pattern)).isEqualTo(DomainPatterns.check(pattern).ok());
    }

    @Test
    void allowedDomainsAreAtMost253CharactersBesideATrailingDot() {
      String longest = ("a".repeat(62) + ".").repeat(4) + "a";
      assertThat(longest).hasSize(253);

      for (String domain : List.of(longest, longest + ".", longest + "a", longest + "a.")) {
        assertThat(accepts("domainPattern", domain))
            .as("%d characters", domain.length())
            .isEqualTo(DomainPatterns.check(domain).ok());
      }
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("baseUrls")
    void providerBaseUrlsFollowTheLoader(String provider, String baseUrl) {
      String toml =
          "[provider]\nproviderName = \""
              + provider
              + "\"\n[provider.setting]\nbaseUrl = '"
              + baseUrl
              + "'\n[experts.\"a\"]\ninstruction = \"x\"\n";
      boolean loaderAccepts =
          catchThrowableOfType(
                  InvalidConfigException.class,
                  () -> PerstackConfigLoader.parse(toml, "perstack.toml", LoadOptions.DEFAULT))
              == null;

      assertThat(errors(tomlToJson(toml)).isEmpty()).isEqualTo(loaderAccepts);
    }

    static Stream<Arguments> baseUrls() {
      Stream<Arguments> openai =
          Stream.of(
                  "https://llm.example.com/v1",
                  "HTTPS://llm.example.com",
                  "https://[::1]:8443/v1",
                  "https://user@llm.example.com",
                  "http://localhost:8080",
                  "http://LOCALHOST:8080/v1",
                  "http://127.0.0.1",
                  "http://127.1.2.3:9/v1",
                  "http://[::1]",
                  "http://[0:0:0:0:0:0:0:1]:80",
                  "http://user@localhost:1",
                  "http://llm.example.com",
                  "http://localhost.example.com",
                  "http://127.0.0.1.nip.io",
                  "http://10.0.0.1",
                  "http://[::2]",
                  "ftp://llm.example.com",
                  "llm.example.com",
                  "")
              .map(url -> arguments("openai", url));
      Stream<Arguments> ollama =
          Stream.of("http://gpu-box.lan:11434", "https://ollama.example.com", "ftp://gpu-box.lan")
              .map(url -> arguments("ollama", url));
      return Stream.concat(openai, ollama);
    }

    static Stream<String> endpoints() {
      return Stream.concat(publicEndpoints(), privateEndpoints());
    }

    static Stream<String> publicEndpoints() {
      return Stream.of(
          "https://mcp.example.com/sse",
          "https://mcp.tracker.example.com/sse",
          "https://mcp.example.com:8443/sse",
          "https://mcp.example.com",
          "https://mcp.example.com?x=1",
          "HTTPS://mcp.example.com/sse",
          "https://8.8.8.8/sse",
          "https://172.32.0.1/sse",
          "https://100.128.0.1/sse",
          "https://[2606:4700:4700::1111]/sse",
          "https://home.arpa/sse",
          "https://local.example.com/sse",
          "https://10.example.com/sse",
          "https://[::ffff:8.8.8.8]/sse",
          "https://[::1234:5678]/sse",
          "https://[fc1::1]/sse");
    }

    /**
     * Local and private hosts in the forms people write. Subtler ones (numeric tricks such as
     * {@code 0x7f.1}, IPv4 inside IPv6, documentation and benchmarking ranges, long IPv6 spellings
     * of loopback) pass the schema's patterns and are refused by the loader alone.
     */
    static Stream<String> privateEndpoints() {
      return Stream.of(
          "https://192.168.1.20/sse",
          "https://10.0.0.1/sse",
          "https://10.1/sse",
          "https://127.0.0.1:8080/sse",
          "https://0.0.0.0/sse",
          "https://169.254.169.254/latest",
          "https://172.16.0.1/sse",
          "https://172.31.255.255/sse",
          "https://100.64.0.1/sse",
          "https://224.0.0.1/sse",
          "https://localhost/sse",
          "https://localhost:3000/sse",
          "https://localhost./sse",
          "https://printer.local/sse",
          "https://db.internal/sse",
          "https://nas.home.arpa/sse",
          "https://router.lan/sse",
          "https://[::1]/sse",
          "https://[::]/sse",
          "https://[fd00::1]/sse",
          "https://[fc12:3456::1]/sse",
          "https://[fe80::1]/sse",
          "https://[ff02::1]/sse",
          "https://[FD00::1]/sse",
          "https://printer.LOCAL/sse",
          "https://LocalHost:3000/sse",
          "https://intranet/sse",
          "https://user@mcp.example.com/sse",
          "http://mcp.example.com/sse",
          "wss://mcp.example.com/sse",
          "mcp.example.com/sse",
          "");
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("endpoints")
    void sseEndpointsTheSchemaRefusesAreRefusedByTheLoader(String endpoint) {
      if (!acceptsEndpoint(endpoint)) {
        assertThat(PublicEndpoints.whyNotPublicHttps(endpoint)).isPresent();
      }
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("publicEndpoints")
    void publicHttpsEndpointsAreAccepted(String endpoint) {
      assertThat(PublicEndpoints.whyNotPublicHttps(endpoint)).isEmpty();
      assertThat(acceptsEndpoint(endpoint)).isTrue();
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("privateEndpoints")
    void localAndPrivateEndpointsAreRejected(String endpoint) {
      assertThat(PublicEndpoints.whyNotPublicHttps(endpoint)).isPresent();
      assertThat(acceptsEndpoint(endpoint)).isFalse();
    }

    private boolean acceptsEndpoint(String endpoint) {
      return accepts(
          "mcpSseSkill",
          JSON.createObjectNode().put("type", "mcpSseSkill").put("endpoint", endpoint));
    }
  }

  /**
   * Whole files: the schema says what the loader says, except that it flags as errors the unknown
   * or misplaced keys the loader only warns about (editors should catch typos).
   */
  @Nested
  class Documents {
    private static final String EXPERT = "[experts.\"a\"]\ninstruction = \"x\"\n";
    private static final String SKILL = EXPERT + "[experts.\"a\".skills.s]\n";

    static Stream<Arguments> documentsBothAccept() {
      return Stream.of(
          arguments("an empty file", ""),
          arguments("a minimal expert", EXPERT),
          arguments("a reasoning level", "reasoningBudget = \"none\"\n" + EXPERT),
          arguments("a reasoning budget of zero", "reasoningBudget = 0\n" + EXPERT),
          arguments("the kubernetes runtime", "runtime = \"kubernetes\"\n" + EXPERT),
          arguments("the local runtime", "runtime = \"local\"\n" + EXPERT),
          arguments("a runtime of the original", "runtime = \"claude-code\"\n" + EXPERT),
          arguments(
              "every top-level setting",
              """
              model = "claude-sonnet-4-5"
              maxSteps = 1
              maxRetries = 0
              timeout = 1
              envPath = []
              perstackApiBaseUrl = "https://api.perstack.example.com"
              perstackBaseSkillCommand = ["npx", "-y", "@perstack/base"]
              """
                  + EXPERT),
          arguments(
              "settings misplaced in [provider]",
              """
              [provider]
              providerName = "anthropic"
              model = "claude-sonnet-4-5"
              maxSteps = 10
              maxRetries = 1
              timeout = 1000
              reasoningBudget = "high"
              envPath = [".env"]
              """
                  + EXPERT),
          arguments(
              "azure settings",
              """
              [provider]
              providerName = "azure-openai"
              [provider.setting]
              resourceName = "acme"
              apiVersion = "2025-01-01"
              useDeploymentBasedUrls = true
              headers = { "X-Team" = "platform" }
              """
                  + EXPERT),
          arguments(
              "bedrock settings",
              "[provider]\nproviderName = \"amazon-bedrock\"\n[provider.setting]\n"
                  + "region = \"us-east-1\"\n"
                  + EXPERT),
          arguments(
              "vertex settings",
              """
              [provider]
              providerName = "google-vertex"
              [provider.setting]
              project = "acme"
              location = "us-central1"
              baseUrl = "https://vertex.example.com"
              """
                  + EXPERT),
          arguments(
              "an http base URL to loopback",
              "[provider]\nproviderName = \"openai\"\n[provider.setting]\n"
                  + "baseUrl = \"http://127.0.0.1:8080/v1\"\n"
                  + EXPERT),
          arguments(
              "an http base URL to [::1]",
              "[provider]\nproviderName = \"anthropic\"\n[provider.setting]\n"
                  + "baseUrl = \"http://[::1]:8080\"\n"
                  + EXPERT),
          arguments(
              "ollama over http to another host",
              "[provider]\nproviderName = \"ollama\"\n[provider.setting]\n"
                  + "baseUrl = \"http://gpu-box.lan:11434\"\n"
                  + EXPERT),
          arguments(
              "a package with empty args",
              SKILL
                  + "type = \"mcpStdioSkill\"\ncommand = \"npx\"\npackageName = \"pkg\"\nargs = []\n"),
          arguments(
              "a versioned base skill",
              EXPERT
                  + "[experts.\"a\".skills.\"@perstack/base\"]\ntype = \"mcpStdioSkill\"\n"
                  + "command = \"npx\"\npackageName = \"@perstack/base@0.0.34\"\n"
                  + "pick = [\"exec\", \"think\"]\nrequiredEnv = [\"GH_TOKEN\"]\n"),
          arguments(
              "the base skill named in args",
              EXPERT
                  + "[experts.\"a\".skills.\"@perstack/base\"]\ntype = \"mcpStdioSkill\"\n"
                  + "command = \"npx\"\nargs = [\"-y\", \"@perstack/base\"]\n"),
          arguments(
              "provider tools, skills and options",
              """
              [experts."a"]
              instruction = "x"
              version = "2.0.0-beta.1"
              minRuntimeVersion = "0.1.0"
              tags = ["a", "b-c"]
              providerTools = ["webSearch", "webFetch"]
              providerSkills = [
                { type = "builtin", skillId = "pdf" },
                { type = "custom", name = "n", definition = "d" },
              ]
              [experts."a".providerToolOptions.webSearch]
              maxUses = 3
              allowedDomains = ["example.com"]
              [experts."a".providerToolOptions.webFetch]
              maxUses = 1
              [experts."a".providerToolOptions.fileSearch]
              vectorStoreIds = ["vs_1"]
              maxNumResults = 5
              """),
          arguments(
              "an unversioned delegate",
              "[experts.\"lead\"]\ninstruction = \"x\"\ndelegates = [\"@acme/helper\"]\n"
                  + "[experts.\"@acme/helper@1.0.0\"]\ninstruction = \"y\"\n"));
    }

    static Stream<Arguments> documentsBothRefuse() {
      return Stream.of(
          arguments("a negative reasoning budget", "reasoningBudget = -1\n" + EXPERT),
          arguments("a fractional reasoning budget", "reasoningBudget = 1.5\n" + EXPERT),
          arguments("an unknown runtime", "runtime = \"podman\"\n" + EXPERT),
          arguments("zero steps", "maxSteps = 0\n" + EXPERT),
          arguments("negative retries", "maxRetries = -1\n" + EXPERT),
          arguments("a zero timeout", "timeout = 0\n" + EXPERT),
          arguments("a string step limit", "maxSteps = \"10\"\n" + EXPERT),
          arguments("envPath as a string", "envPath = \".env\"\n" + EXPERT),
          arguments("an empty model", "model = \" \"\n" + EXPERT),
          arguments(
              "an http API base URL", "perstackApiBaseUrl = \"http://a.example.com\"\n" + EXPERT),
          arguments("a provider without a name", "[provider]\nmodel = \"m\"\n" + EXPERT),
          arguments("an unknown provider", "[provider]\nproviderName = \"mistral\"\n" + EXPERT),
          arguments(
              "a plain http base URL",
              "[provider]\nproviderName = \"openai\"\n[provider.setting]\n"
                  + "baseUrl = \"http://llm.example.com/v1\"\n"
                  + EXPERT),
          arguments(
              "a header with a bad name",
              "[provider]\nproviderName = \"openai\"\n[provider.setting]\n"
                  + "headers = { \"X Team\" = \"a\" }\n"
                  + EXPERT),
          arguments(
              "a header with a line break",
              "[provider]\nproviderName = \"openai\"\n[provider.setting]\n"
                  + "headers = { \"X-Team\" = \"a\\r\\nX-Evil: 1\" }\n"
                  + EXPERT),
          arguments("a blank instruction", "[experts.\"a\"]\ninstruction = \"  \"\n"),
          arguments(
              "an instruction over 20 KiB",
              "[experts.\"a\"]\ninstruction = \"" + "x".repeat(20 * 1024 + 1) + "\"\n"),
          arguments(
              "a description over 2048 characters",
              EXPERT + "description = \"" + "x".repeat(2049) + "\"\n"),
          arguments("a version that is not semver", EXPERT + "version = \"1.0\"\n"),
          arguments(
              "nine tags",
              EXPERT + "tags = [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]\n"),
          arguments("an upper-case tag", EXPERT + "tags = [\"Support\"]\n"),
          arguments(
              "a delegate that is not an expert key", EXPERT + "delegates = [\"Some Expert\"]\n"),
          arguments("a skill without a type", SKILL + "command = \"npx\"\npackageName = \"p\"\n"),
          arguments(
              "neither package nor args", SKILL + "type = \"mcpStdioSkill\"\ncommand = \"npx\"\n"),
          arguments(
              "empty args only",
              SKILL + "type = \"mcpStdioSkill\"\ncommand = \"npx\"\nargs = []\n"),
          arguments(
              "a stdio skill without a command",
              SKILL + "type = \"mcpStdioSkill\"\npackageName = \"p\"\n"),
          arguments(
              "a package name that is not one",
              SKILL
                  + "type = \"mcpStdioSkill\"\ncommand = \"npx\"\npackageName = \"Not A Package\"\n"),
          arguments(
              "an environment name that is not one",
              SKILL
                  + "type = \"mcpStdioSkill\"\ncommand = \"node\"\nargs = [\"s.js\"]\n"
                  + "requiredEnv = [\"A=B\"]\n"),
          arguments(
              "a protected name in lower case",
              SKILL
                  + "type = \"mcpStdioSkill\"\ncommand = \"node\"\nargs = [\"s.js\"]\n"
                  + "requiredEnv = [\"node_options\"]\n"),
          arguments(
              "a DYLD_ variable",
              SKILL
                  + "type = \"mcpStdioSkill\"\ncommand = \"node\"\nargs = [\"s.js\"]\n"
                  + "requiredEnv = [\"DYLD_INSERT_LIBRARIES\"]\n"),
          arguments(
              "a base skill running another package",
              EXPERT
                  + "[experts.\"a\".skills.\"@perstack/base\"]\ntype = \"mcpStdioSkill\"\n"
                  + "command = \"npx\"\npackageName = \"evil-base\"\n"),
          arguments("an sse skill without an endpoint", SKILL + "type = \"mcpSseSkill\"\n"),
          arguments(
              "an sse endpoint over http",
              SKILL + "type = \"mcpSseSkill\"\nendpoint = \"http://mcp.example.com/sse\"\n"),
          arguments(
              "an sse endpoint on localhost",
              SKILL + "type = \"mcpSseSkill\"\nendpoint = \"https://localhost:8443/sse\"\n"),
          arguments("an interactive skill without tools", SKILL + "type = \"interactiveSkill\"\n"),
          arguments(
              "an interactive tool without a schema",
              SKILL
                  + "type = \"interactiveSkill\"\n"
                  + "[experts.\"a\".skills.s.tools.ask]\ndescription = \"Ask\"\n"),
          arguments(
              "an unknown built-in provider skill",
              EXPERT + "providerSkills = [{ type = \"builtin\", skillId = \"zip\" }]\n"),
          arguments(
              "a provider skill of unknown type",
              EXPERT + "providerSkills = [{ type = \"other\", name = \"n\" }]\n"),
          arguments(
              "a custom provider skill without a definition",
              EXPERT + "providerSkills = [{ type = \"custom\", name = \"n\" }]\n"),
          arguments(
              "a zero web search limit",
              EXPERT + "[experts.\"a\".providerToolOptions.webSearch]\nmaxUses = 0\n"));
    }

    static Stream<Arguments> documentsTheLoaderOnlyWarnsAbout() {
      return Stream.of(
          arguments("a misspelt top-level key", "maxStep = 10\n" + EXPERT),
          arguments(
              "a misspelt expert key",
              "[experts.\"a\"]\ninstruction = \"x\"\ninstructions = \"y\"\n"),
          arguments(
              "a key of another skill type",
              SKILL
                  + "type = \"mcpSseSkill\"\nendpoint = \"https://mcp.example.com/sse\"\n"
                  + "command = \"npx\"\n"),
          arguments(
              "a setting of another provider",
              "[provider]\nproviderName = \"anthropic\"\n[provider.setting]\n"
                  + "organization = \"org\"\n"
                  + EXPERT),
          arguments(
              "a bedrock base URL",
              "[provider]\nproviderName = \"amazon-bedrock\"\n[provider.setting]\n"
                  + "baseUrl = \"https://bedrock.example.com\"\n"
                  + EXPERT),
          arguments("an unknown provider tool", EXPERT + "providerTools = [\"teleport\"]\n"),
          arguments(
              "an unknown tool option",
              EXPERT + "[experts.\"a\".providerToolOptions.webSearch]\nlimit = 1\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentsBothAccept")
    void schemaAndLoaderAcceptTheSameFiles(String what, String toml) throws Exception {
      assertThatCode(() -> PerstackConfigLoader.parse(toml, "perstack.toml", LoadOptions.DEFAULT))
          .doesNotThrowAnyException();

      assertThat(errors(tomlToJson(toml))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentsBothRefuse")
    void schemaAndLoaderRefuseTheSameFiles(String what, String toml) throws Exception {
      assertThat(
              catchThrowableOfType(
                  InvalidConfigException.class,
                  () -> PerstackConfigLoader.parse(toml, "perstack.toml", LoadOptions.DEFAULT)))
          .as("the loader should refuse %s", what)
          .isNotNull();

      assertThat(errors(tomlToJson(toml))).as("schema errors for %s", what).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentsTheLoaderOnlyWarnsAbout")
    void schemaFlagsWhatTheLoaderWarnsAbout(String what, String toml) throws Exception {
      LoadedConfig loaded = PerstackConfigLoader.parse(toml, "perstack.toml", LoadOptions.DEFAULT);
      assertThat(loaded.warnings()).as("loader warnings for %s", what).isNotEmpty();

      assertThat(errors(tomlToJson(toml))).as("schema errors for %s", what).isNotEmpty();
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private static List<Error> errors(JsonNode instance) {
    return SCHEMA.validate(instance);
  }

  /** Whether one definition of {@code $defs} accepts a value. */
  private static boolean accepts(String definition, String value) {
    return accepts(definition, TextNode.valueOf(value));
  }

  private static boolean accepts(String definition, JsonNode value) {
    return definitionSchema(definition).validate(value).isEmpty();
  }

  private static final Map<String, Schema> DEFINITION_SCHEMAS = new java.util.HashMap<>();

  /** A schema that is just {@code #/$defs/<name>} of the document, with every definition beside. */
  private static synchronized Schema definitionSchema(String name) {
    return DEFINITION_SCHEMAS.computeIfAbsent(
        name,
        n -> {
          ObjectNode node = JSON.createObjectNode();
          node.put("$schema", DIALECT);
          node.put("$id", "https://perstack.test/definitions/" + n + ".json");
          node.set("$defs", DOCUMENT.get("$defs"));
          node.put("$ref", "#/$defs/" + n);
          return REGISTRY.getSchema(node);
        });
  }

  private static JsonNode definition(String name) {
    JsonNode def = DOCUMENT.path("$defs").path(name);
    assertThat(def.isObject()).as("#/$defs/%s exists", name).isTrue();
    return def;
  }

  private static JsonNode table(String pointer) {
    JsonNode node = pointer.equals("#") ? DOCUMENT : DOCUMENT.at(pointer.substring(1));
    assertThat(node.isObject()).as("%s exists", pointer).isTrue();
    return node;
  }

  /** Pointers of every schema that refuses unknown keys ({@code additionalProperties: false}). */
  private static List<String> closedTables() {
    List<String> closed = new ArrayList<>();
    walk(
        DOCUMENT,
        "#",
        (pointer, schema) -> {
          JsonNode additional = schema.get("additionalProperties");
          if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
            closed.add(pointer);
          }
        });
    return closed;
  }

  /** Visits every subschema with its JSON pointer; skips values such as enum and examples. */
  private static void walk(JsonNode schema, String pointer, SchemaVisitor visitor) {
    if (!schema.isObject()) {
      return;
    }
    visitor.visit(pointer, schema);
    schema
        .fields()
        .forEachRemaining(
            field -> {
              String keyword = field.getKey();
              JsonNode value = field.getValue();
              String here = pointer + "/" + escape(keyword);
              if (SINGLE_SUBSCHEMA.contains(keyword)) {
                walk(value, here, visitor);
              } else if (SUBSCHEMA_ARRAYS.contains(keyword)) {
                for (int i = 0; i < value.size(); i++) {
                  walk(value.get(i), here + "/" + i, visitor);
                }
              } else if (SUBSCHEMA_MAPS.contains(keyword)) {
                value
                    .fields()
                    .forEachRemaining(
                        e -> walk(e.getValue(), here + "/" + escape(e.getKey()), visitor));
              }
            });
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  @FunctionalInterface
  private interface SchemaVisitor {
    void visit(String pointer, JsonNode schema);
  }

  /** The definition of a provider's settings, for example {@code azureOpenaiSetting}. */
  private static String settingDefinition(ProviderName provider) {
    String[] parts = provider.word().split("-");
    StringBuilder name = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      name.append(capitalized(parts[i]));
    }
    return name.append("Setting").toString();
  }

  private static String capitalized(String word) {
    return word.substring(0, 1).toUpperCase(Locale.ROOT)
        + word.substring(1).toLowerCase(Locale.ROOT);
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return all;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> textValues(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  /**
   * A private constant of the loader, read only to hold the schema to it; fails loudly when the
   * constant is renamed so that this guard is updated, not dropped.
   */
  @SuppressWarnings("unchecked")
  private static <T> T privateConstant(String className, String fieldName)
      throws ReflectiveOperationException {
    Field field = Class.forName(className).getDeclaredField(fieldName);
    field.setAccessible(true);
    return (T) field.get(null);
  }

  private static Stream<Path> tomlFiles(String folder) throws IOException {
    try (Stream<Path> files = Files.list(SharedFixtures.toml().resolve(folder))) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".toml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static JsonNode tomlToJson(String toml) {
    TomlParseResult parsed = Toml.parse(toml);
    assertThat(parsed.errors()).as("TOML errors").isEmpty();
    return readTree(parsed.toJson());
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
