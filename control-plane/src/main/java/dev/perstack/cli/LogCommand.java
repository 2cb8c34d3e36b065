package dev.perstack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.jobs.StoredEvent;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perstack log}: a job's stored events, filtered, as text or JSON lines. */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = "Show a job's events (default: the latest job), filtered like Perstack's `log`.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  perstack log --summary",
      "  perstack log --job JOB --step \">5\" --tools",
      "  perstack log --errors --json"
    })
final class LogCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STEP = Pattern.compile("(>=|<=|>|<)?(\\d+)(?:-(\\d+))?");
  private static final int PAGE = 1000;

  @Option(names = "--job", paramLabel = "JOB", description = "The job (default: the latest).")
  String job;

  @Option(names = "--run", paramLabel = "RUN", description = "Only this run's events.")
  String run;

  @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type.")
  String type;

  @Option(names = "--step", paramLabel = "SPEC", description = "Steps: 5, >5, >=5, <5, 1-10.")
  String step;

  @Option(names = "--errors", description = "Only errors and retries.")
  boolean errors;

  @Option(names = "--tools", description = "Only tool calls and their results.")
  boolean tools;

  @Option(names = "--delegations", description = "Only delegations and their returns.")
  boolean delegations;

  @Option(
      names = "--summary",
      description = "Counts, steps, usage and the outcome instead of events.")
  boolean summary;

  @Option(names = "--json", description = "Print the events' JSON lines.")
  boolean json;

  @Option(names = "--take", paramLabel = "N", description = "At most N events.")
  Integer take;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip N events.")
  int offset;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    JobStore store = ServiceLocator.get(JobStore.class, "log");
    PrintWriter out = spec.commandLine().getOut();
    Optional<JobRecord> record = job != null ? store.job(job) : store.latestJob();
    if (record.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "perstack: "
                  + (job != null ? "job " + job + " does not exist" : "there are no jobs yet")
                  + "; list them with `perstack jobs`");
      return ExitCodes.FAILED;
    }
    Predicate<JsonNode> filter = filter();
    List<JsonNode> selected = new ArrayList<>();
    long after = 0;
    while (true) {
      List<StoredEvent> page = store.events(record.get().id(), after, PAGE);
      for (StoredEvent event : page) {
        JsonNode node = JSON.readTree(event.json());
        if (filter.test(node)) {
          selected.add(node);
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).sequence();
    }
    List<JsonNode> shown =
        selected.stream().skip(offset).limit(take == null ? Long.MAX_VALUE : take).toList();
    if (summary) {
      summarize(record.get(), shown, out);
    } else {
      for (JsonNode node : shown) {
        out.println(json ? node.toString() : line(node));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private Predicate<JsonNode> filter() {
    Predicate<JsonNode> p = n -> true;
    if (run != null) {
      p = p.and(n -> run.equals(n.path("runId").asText()));
    }
    if (type != null) {
      p = p.and(n -> type.equals(n.path("type").asText()));
    }
    if (step != null) {
      Matcher m = STEP.matcher(step.strip());
      if (!m.matches()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--step " + step + " is not 5, >5, >=5, <5, <=5 or 1-10");
      }
      p = p.and(stepFilter(m));
    }
    if (errors) {
      p = p.and(n -> List.of("stopRunByError", "retry").contains(n.path("type").asText()));
    }
    if (tools) {
      p =
          p.and(
              n ->
                  List.of("callTools", "resolveToolResults", "callInteractiveTool")
                      .contains(n.path("type").asText()));
    }
    if (delegations) {
      p =
          p.and(
              n ->
                  List.of("callDelegate", "stopRunByDelegate").contains(n.path("type").asText())
                      || n.path("type").asText().equals("startRun")
                          && n.path("initialCheckpoint").has("delegatedBy"));
    }
    return p;
  }

  private static Predicate<JsonNode> stepFilter(Matcher m) {
    int n = Integer.parseInt(m.group(2));
    String op = m.group(1);
    if (m.group(3) != null) {
      int to = Integer.parseInt(m.group(3));
      return node ->
          node.has("stepNumber")
              && node.get("stepNumber").asInt() >= n
              && node.get("stepNumber").asInt() <= to;
    }
    return node -> {
      if (!node.has("stepNumber")) {
        return false;
      }
      int s = node.get("stepNumber").asInt();
      return op == null
          ? s == n
          : switch (op) {
            case ">" -> s > n;
            case ">=" -> s >= n;
            case "<" -> s < n;
            default -> s <= n;
          };
    };
  }

  private static String line(JsonNode n) {
    String step = n.has("stepNumber") ? "step " + n.get("stepNumber").asInt() : "       ";
    String expert = n.path("expertKey").asText("");
    String detail =
        switch (n.path("type").asText()) {
          case "callTools" -> names(n.path("toolCalls"));
          case "completeRun" -> '"' + abbreviate(n.path("text").asText()) + '"';
          case "stopRunByError" ->
              n.path("error").path("name").asText()
                  + ": "
                  + abbreviate(n.path("error").path("message").asText());
          case "retry" -> abbreviate(n.path("reason").asText());
          case "skillConnected", "skillStarting", "skillStderr" ->
              n.path("skillName").asText() + " " + abbreviate(n.path("message").asText(""));
          default -> "";
        };
    return String.format("%-8s %-26s %-20s %s", step, n.path("type").asText(), expert, detail)
        .stripTrailing();
  }

  private static void summarize(JobRecord job, List<JsonNode> events, PrintWriter out) {
    Map<String, Integer> counts = new TreeMap<>();
    int maxStep = 0;
    long tokens = 0;
    for (JsonNode n : events) {
      counts.merge(n.path("type").asText(), 1, Integer::sum);
      maxStep = Math.max(maxStep, n.path("stepNumber").asInt(0));
      if (n.path("type").asText().equals("callTools")
          || n.path("type").asText().equals("completeRun")) {
        tokens += n.path("usage").path("totalTokens").asLong(0);
      }
    }
    out.println("job      " + job.id() + " (" + job.expertKey() + ")");
    out.println("state    " + job.state().wireName() + job.error().map(e -> ": " + e).orElse(""));
    out.println("steps    " + maxStep);
    out.println("tokens   " + tokens + " (reported by the runs' generations)");
    out.println("events   " + events.size());
    counts.forEach((type, count) -> out.printf("  %-28s %d%n", type, count));
  }

  private static String names(JsonNode calls) {
    List<String> names = new ArrayList<>();
    calls.forEach(c -> names.add(c.path("toolName").asText()));
    return String.join(", ", names);
  }

  private static String abbreviate(String text) {
    String one = text.replace('\n', ' ');
    return one.length() <= 80 ? one : one.substring(0, 77) + "...";
  }
}
