package dev.perstack.lockfile.config.internal;

import dev.perstack.lockfile.config.ConfigProblem;
import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.config.InvalidConfigException;
import dev.perstack.lockfile.config.LoadOptions;
import dev.perstack.lockfile.config.LoadedConfig;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.config.ProviderConfig;
import dev.perstack.lockfile.config.ReasoningBudget;
import dev.perstack.lockfile.config.RuntimeName;
import dev.perstack.lockfile.config.Severity;
import dev.perstack.lockfile.config.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tomlj.TomlParseResult;

/** Turns the text of a {@code perstack.toml} into a {@link LoadedConfig}, or every problem. */
public final class ConfigReader {
  private static final List<String> RUNTIMES = List.of("docker", "kubernetes", "local");
  private static final List<String> ORIGINAL_ONLY_RUNTIMES =
      List.of("cursor", "claude-code", "gemini");
  private static final List<String> LEVELS =
      java.util.Arrays.stream(ReasoningBudget.LevelName.values())
          .map(ReasoningBudget.LevelName::word)
          .toList();

  private final Problems problems;
  private final Path source;
  private final LoadOptions options;

  private ConfigReader(String displayName, Path source, LoadOptions options) {
    this.problems = new Problems(displayName);
    this.source = source;
    this.options = options;
  }

  /**
   * Reads {@code text}.
   *
   * @param displayName the file as problems should name it
   * @param source the file's path, recorded in the model
   */
  public static LoadedConfig read(String text, String displayName, Path source, LoadOptions options)
      throws InvalidConfigException {
    return new ConfigReader(displayName, source, options).read(text);
  }

  private LoadedConfig read(String text) throws InvalidConfigException {
    if (text.contains("inputJsonSchema")) {
      ToolInputSchemas.prepareInBackground();
    }
    TomlParseResult toml = parseToml(text);
    TableReader top = new TableReader(toml, "", SourcePosition.START, problems, null);
    top.warnUnknownKeys(
        KnownKeys.TOP_LEVEL,
        Map.of(
            "instruction", "it belongs inside an [experts.\"<key>\"] table",
            "skills", "it belongs inside an [experts.\"<key>\"] table",
            "providerName", "it belongs inside the [provider] table",
            "expert", "the table of experts is called `experts`"));

    Optional<TableReader> providerTable = top.table("provider");
    ProviderConfig provider =
        providerTable.flatMap(ProviderReader::read).orElse(ProviderConfig.DEFAULT);
    Settings settings = new Settings(top, providerTable);

    String model = settings.string("model").orElse(PerstackConfig.DEFAULT_MODEL);
    ReasoningBudget budget = settings.reasoningBudget().orElse(ReasoningBudget.DEFAULT);
    int maxSteps =
        settings.integer("maxSteps", 1).orElse((long) PerstackConfig.DEFAULT_MAX_STEPS).intValue();
    int maxRetries =
        settings
            .integer("maxRetries", 0)
            .orElse((long) PerstackConfig.DEFAULT_MAX_RETRIES)
            .intValue();
    long timeout = settings.integer("timeout", 1).orElse(PerstackConfig.DEFAULT_TIMEOUT_MILLIS);
    List<String> envPath = settings.stringList("envPath").orElse(PerstackConfig.DEFAULT_ENV_PATH);
    RuntimeName runtime = runtime(top);
    Optional<String> apiBaseUrl = apiBaseUrl(top);
    if (top.has("perstackBaseSkillCommand")) {
      top.stringValues("perstackBaseSkillCommand", 64);
      top.warning(
          "perstackBaseSkillCommand",
          "`perstackBaseSkillCommand` has no effect here: the base skill runs inside the sandbox"
              + " agent",
          "remove it, or leave it for the original Perstack");
    }

    DelegateGraph graph = experts(top, provider);
    return finish(
        graph,
        new PerstackConfig(
            source,
            model,
            budget,
            runtime,
            maxSteps,
            maxRetries,
            timeout,
            envPath,
            provider,
            apiBaseUrl,
            graph.experts()));
  }

  private TomlParseResult parseToml(String text) throws InvalidConfigException {
    TomlParsing.Parsed parsed = TomlParsing.parse(text);
    if (parsed.document().isPresent()) {
      return parsed.document().get();
    }
    for (TomlParsing.SyntaxError error : parsed.errors()) {
      problems.error(
          error.position(),
          "",
          null,
          "TOML syntax error: " + error.what(),
          error.fix().orElse("fix the TOML at that position (https://toml.io/en/v1.0.0)"));
    }
    throw new InvalidConfigException(problems.inFileOrder());
  }

  private DelegateGraph experts(TableReader top, ProviderConfig provider) {
    Optional<TableReader> table = top.table("experts");
    List<ExpertReader.Draft> drafts = new ArrayList<>();
    if (table.isPresent()) {
      TableReader all = table.get();
      for (String key : all.keys()) {
        all.forExpert(key)
            .table(key)
            .ifPresent(expert -> drafts.add(ExpertReader.read(key, expert, provider.name())));
      }
    }
    if (drafts.isEmpty() && !top.problems().hasErrorsSince(0)) {
      top.tableWarning(
          "the file defines no experts", "add an [experts.\"<name>\"] table with an instruction");
    }
    return DelegateGraph.resolve(drafts, problems);
  }

  private LoadedConfig finish(DelegateGraph graph, PerstackConfig config)
      throws InvalidConfigException {
    List<ConfigProblem> all = new ArrayList<>();
    Optional<String> target = options.expert();
    if (target.isPresent() && !graph.isDefined(target.get())) {
      problems.error(
          SourcePosition.START,
          "experts",
          null,
          "expert `" + target.get() + "` is not defined in " + problems.file(),
          graph.definedKeys().isEmpty()
              ? "add an [experts.\"" + target.get() + "\"] table"
              : "use one of: " + String.join(", ", graph.definedKeys()));
    }
    List<String> reachable = target.map(graph::reachableFrom).orElse(null);
    for (ConfigProblem problem : problems.inFileOrder()) {
      ConfigProblem p = problem;
      if (reachable != null
          && p.severity() == Severity.ERROR
          && p.expertKey() != null
          && !reachable.contains(p.expertKey())) {
        // `perstack run X` refuses only what X can reach; the rest is reported, not fatal.
        p =
            p.with(
                Severity.WARNING,
                p.message() + " (`" + target.get() + "` does not use `" + p.expertKey() + "`)");
      }
      if (options.strict() && p.severity() == Severity.WARNING) {
        p = p.with(Severity.ERROR, "(strict) " + p.message());
      }
      all.add(p);
    }
    if (all.stream().anyMatch(p -> p.severity() == Severity.ERROR)) {
      throw new InvalidConfigException(all);
    }
    PerstackConfig result = config;
    if (reachable != null) {
      Map<String, ExpertDefinition> used = new LinkedHashMap<>();
      reachable.forEach(k -> used.put(k, config.experts().get(k)));
      result =
          new PerstackConfig(
              config.source(),
              config.model(),
              config.reasoningBudget(),
              config.runtime(),
              config.maxSteps(),
              config.maxRetries(),
              config.timeoutMillis(),
              config.envPath(),
              config.provider(),
              config.perstackApiBaseUrl(),
              used);
    }
    return new LoadedConfig(result, all);
  }

  private RuntimeName runtime(TableReader top) {
    Optional<String> word = top.string("runtime", 64);
    if (word.isEmpty()) {
      return RuntimeName.DOCKER;
    }
    if (RUNTIMES.contains(word.get())) {
      return RuntimeName.valueOf(word.get().toUpperCase(Locale.ROOT));
    }
    if (ORIGINAL_ONLY_RUNTIMES.contains(word.get())) {
      top.warning(
          "runtime",
          "runtime `"
              + word.get()
              + "` exists only in the original Perstack; jobs here run in docker",
          "set runtime = \"docker\", \"kubernetes\" or \"local\"");
      return RuntimeName.DOCKER;
    }
    String hint = DidYouMean.hint(word.get(), RUNTIMES);
    top.error(
        "runtime",
        "`runtime` is \"" + word.get() + "\", which is not a runtime",
        (hint.isEmpty() ? "" : hint + " ") + "use docker, kubernetes or local");
    return RuntimeName.DOCKER;
  }

  private Optional<String> apiBaseUrl(TableReader top) {
    Optional<String> url = top.string("perstackApiBaseUrl", 2048);
    if (url.isPresent() && !url.get().startsWith("https://")) {
      top.error(
          "perstackApiBaseUrl",
          "`perstackApiBaseUrl` (`" + url.get() + "`) must use https",
          "write it as https://...");
      return Optional.empty();
    }
    return url;
  }

  /** Top-level settings that may also sit, misplaced, in {@code [provider]}. */
  private static final class Settings {
    private final TableReader top;
    private final Optional<TableReader> provider;

    Settings(TableReader top, Optional<TableReader> provider) {
      this.top = top;
      this.provider = provider;
    }

    /** The table to read {@code key} from: the top level wins; [provider] is accepted, warned. */
    private Optional<TableReader> source(String key) {
      Optional<TableReader> misplaced = provider.filter(p -> p.has(key));
      if (misplaced.isPresent()) {
        TableReader p = misplaced.get();
        if (top.has(key)) {
          p.warning(
              key,
              "`provider." + key + "` is ignored because the top-level `" + key + "` is set",
              "remove `" + key + "` from [provider]");
        } else {
          p.warning(
              key,
              "`" + key + "` belongs at the top level, not in [provider]; it is used anyway",
              "move `" + key + "` above the [provider] table");
          return misplaced;
        }
      }
      return top.has(key) ? Optional.of(top) : Optional.empty();
    }

    Optional<String> string(String key) {
      return source(key)
          .flatMap(t -> t.requiredString(key, 255, "set `" + key + "` to a non-empty string"));
    }

    Optional<Long> integer(String key, long min) {
      return source(key).flatMap(t -> t.integer(key, min, Integer.MAX_VALUE));
    }

    Optional<List<String>> stringList(String key) {
      return source(key)
          .flatMap(t -> t.strings(key, 64))
          .map(l -> l.stream().map(TableReader.Item::value).toList());
    }

    Optional<ReasoningBudget> reasoningBudget() {
      return source("reasoningBudget").flatMap(Settings::budget);
    }

    private static Optional<ReasoningBudget> budget(TableReader table) {
      Object raw = table.raw("reasoningBudget");
      if (raw instanceof String word && LEVELS.contains(word)) {
        return Optional.of(
            new ReasoningBudget.Level(
                ReasoningBudget.LevelName.valueOf(word.toUpperCase(Locale.ROOT))));
      }
      if (raw instanceof Long tokens && tokens >= 0) {
        return Optional.of(new ReasoningBudget.Tokens(tokens));
      }
      String hint = raw instanceof String word ? DidYouMean.hint(word, LEVELS) : "";
      table.error(
          "reasoningBudget",
          "`reasoningBudget` is " + TomlTypes.describe(raw) + ", which is not a reasoning budget",
          (hint.isEmpty() ? "" : hint + " ")
              + "use \"none\", \"minimal\", \"low\", \"medium\", \"high\" or a whole number of"
              + " tokens >= 0");
      return Optional.empty();
    }
  }
}
