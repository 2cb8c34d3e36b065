package dev.perstack.controlplane.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.jobs.ModelExchange;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.checkpoint.DelegatedBy;
import dev.perstack.protocol.checkpoint.DelegationTarget;
import dev.perstack.protocol.checkpoint.ExpertRef;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.event.SkillStderr;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.InstructionMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ThinkingPart;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.ToolMessage;
import dev.perstack.protocol.message.ToolResult;
import dev.perstack.protocol.message.ToolResultPart;
import dev.perstack.protocol.message.Usage;
import dev.perstack.protocol.message.UserMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/** Jobs, messages, checkpoints and exchanges for the store tests; ids are unique per call. */
final class Samples {
  static final String EXPERT = "writer@1.0.0";
  static final long T = 1_760_000_000_000L;

  private Samples() {}

  static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  static JobRecord job(String expertKey, Instant createdAt) {
    return new JobRecord(
        id("job"),
        expertKey,
        Optional.of("Summarise the README"),
        JobState.RUNNING,
        "local",
        "/work/project/perstack.toml",
        "sha256:0f1e2d",
        Optional.empty(),
        Optional.empty(),
        "cli",
        createdAt,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of("cp-0123456789ab"));
  }

  static JobRecord job() {
    return job(EXPERT, Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  static ObjectNode object(String key, String value) {
    return JsonNodeFactory.instance.objectNode().put(key, value);
  }

  static Usage usage(int step) {
    return new Usage(100L * step, 20L * step, 5, 120L * step, 64);
  }

  static ExpertRef expert() {
    return new ExpertRef(EXPERT, "writer", "1.0.0");
  }

  static InstructionMessage instruction() {
    return new InstructionMessage(
        id("m"), List.of(new TextPart(id("p"), "You are a writer.")), Optional.of(true));
  }

  static UserMessage query(String text) {
    return new UserMessage(id("m"), List.of(new TextPart(id("p"), text)), Optional.empty());
  }

  /** What the model says in a step: a thought and a tool call. */
  static ExpertMessage expertTurn(int step) {
    ObjectNode args = object("path", "chapter-" + step + ".md");
    args.put("step", step).put("ratio", 0.5).putArray("tags").add("a").add("ü \"quoted\"");
    return new ExpertMessage(
        id("m"),
        List.of(
            new ThinkingPart(id("p"), "Step " + step + ": read the next file.", Optional.empty()),
            new ToolCallPart(id("p"), "call-" + step, "readTextFile", args)),
        Optional.empty());
  }

  static ToolMessage toolTurn(int step) {
    return new ToolMessage(
        id("m"),
        List.of(
            new ToolResultPart(
                id("p"),
                "call-" + step,
                "readTextFile",
                List.of(new TextPart(id("p"), "# Chapter " + step + "\n" + "text ".repeat(40))),
                Optional.of(false))),
        step % 5 == 0 ? Optional.of(true) : Optional.empty());
  }

  static ToolCall toolCall(int step) {
    return new ToolCall(
        "call-" + step,
        "@perstack/base",
        "readTextFile",
        object("path", "chapter-" + step + ".md"));
  }

  static ToolResult toolResult(int step) {
    return new ToolResult(
        "call-" + step,
        "@perstack/base",
        "readTextFile",
        List.of(new TextPart(id("p"), "# Chapter " + step)));
  }

  static Checkpoint checkpoint(
      String jobId, String runId, int step, CheckpointStatus status, List<Message> messages) {
    return checkpoint(id("cp"), jobId, runId, step, status, messages);
  }

  static Checkpoint checkpoint(
      String id,
      String jobId,
      String runId,
      int step,
      CheckpointStatus status,
      List<Message> messages) {
    return new Checkpoint(
        id,
        jobId,
        runId,
        status,
        step,
        List.copyOf(messages),
        expert(),
        Optional.empty(),
        Optional.empty(),
        usage(step),
        OptionalLong.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty());
  }

  /** A checkpoint with every optional field present, as a run stopped for a delegate has. */
  static Checkpoint fullCheckpoint(String jobId) {
    ObjectNode metadata = object("runtime", "docker");
    metadata.put("containerId", "abc123").put("nested", 1.25).putObject("deep").put("n", 7);
    List<Message> messages = new ArrayList<>(List.of(instruction(), query("Write the book")));
    messages.add(expertTurn(1));
    messages.add(toolTurn(1));
    return new Checkpoint(
        id("cp"),
        jobId,
        id("run"),
        CheckpointStatus.STOPPED_BY_DELEGATE,
        3,
        messages,
        expert(),
        Optional.of(
            List.of(
                new DelegationTarget(
                    new ExpertRef("researcher", "researcher", "1.0.0"),
                    "call-2",
                    "researcher",
                    "find sources"))),
        Optional.of(
            new DelegatedBy(
                new ExpertRef("lead", "lead", "2.0.0"), "call-0", "writer", "cp-parent", "run-0")),
        new Usage(120, 30, 8, 150, 64),
        OptionalLong.of(200_000),
        OptionalDouble.of(0.25),
        Optional.of(
            List.of(
                new ToolCall("call-2", "researcher", "researcher", object("query", "sources")))),
        Optional.of(List.of(toolResult(1))),
        Optional.of(metadata),
        Optional.of(new RunError("APICallError", "overloaded", OptionalInt.of(529), true)),
        OptionalInt.of(2));
  }

  static SkillStderr stderr(String jobId, int n) {
    return new SkillStderr(id("e"), T + n, jobId, "run-1", "github", "line " + n);
  }

  static ModelExchange exchange(String jobId, int n, OptionalDouble cost) {
    return exchange(jobId, n, cost, List.of(instruction(), query("Question " + n)));
  }

  /** The {@code n}th generation of a job, asked with {@code conversation}. */
  static ModelExchange exchange(
      String jobId, int n, OptionalDouble cost, List<Message> conversation) {
    ObjectNode schema = object("type", "object");
    schema.putObject("properties").putObject("path").put("type", "string");
    GenerationRequest request =
        new GenerationRequest(
            EXPERT,
            conversation,
            List.of(new ToolDefinition("readTextFile", Optional.of("Read a file"), schema)),
            new ReasoningBudget.Tokens(1024),
            n % 2 == 0 ? OptionalLong.of(4096) : OptionalLong.empty());
    return new ModelExchange(
        jobId,
        id("req"),
        EXPERT,
        "anthropic",
        "claude-sonnet-4-5",
        "sha256:" + n,
        request,
        "{\"text\":\"answer " + n + "\"}",
        n % 2 == 1,
        100 + n,
        20 + n,
        n,
        64,
        cost,
        T + n,
        1500 + n);
  }
}
