package dev.perstack.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.checkpoint.DelegatedBy;
import dev.perstack.protocol.checkpoint.DelegationTarget;
import dev.perstack.protocol.checkpoint.ExpertRef;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.checkpoint.Step;
import dev.perstack.protocol.event.AttemptCompletion;
import dev.perstack.protocol.event.CallDelegate;
import dev.perstack.protocol.event.CallInteractiveTool;
import dev.perstack.protocol.event.CallTools;
import dev.perstack.protocol.event.CompleteRun;
import dev.perstack.protocol.event.CompleteStreamingReasoning;
import dev.perstack.protocol.event.CompleteStreamingRunResult;
import dev.perstack.protocol.event.ContinueToNextStep;
import dev.perstack.protocol.event.DockerBuildProgress;
import dev.perstack.protocol.event.DockerContainerStatus;
import dev.perstack.protocol.event.FinishAllToolCalls;
import dev.perstack.protocol.event.FinishToolCall;
import dev.perstack.protocol.event.InitializeRuntime;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.event.ProxyAccess;
import dev.perstack.protocol.event.ResolveToolResults;
import dev.perstack.protocol.event.ResumeToolCalls;
import dev.perstack.protocol.event.Retry;
import dev.perstack.protocol.event.SkillConnected;
import dev.perstack.protocol.event.SkillDisconnected;
import dev.perstack.protocol.event.SkillStarting;
import dev.perstack.protocol.event.SkillStderr;
import dev.perstack.protocol.event.StartGeneration;
import dev.perstack.protocol.event.StartRun;
import dev.perstack.protocol.event.StartStreamingReasoning;
import dev.perstack.protocol.event.StartStreamingRunResult;
import dev.perstack.protocol.event.StopRunByDelegate;
import dev.perstack.protocol.event.StopRunByError;
import dev.perstack.protocol.event.StopRunByExceededMaxSteps;
import dev.perstack.protocol.event.StopRunByInteractiveTool;
import dev.perstack.protocol.event.StreamReasoning;
import dev.perstack.protocol.event.StreamRunResult;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.job.BaseSkillSpec;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.job.InteractiveSkillSpec;
import dev.perstack.protocol.job.InteractiveToolAnswer;
import dev.perstack.protocol.job.InteractiveToolSpec;
import dev.perstack.protocol.job.JobLimits;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.job.McpSseSkillSpec;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import dev.perstack.protocol.job.SkillSpec;
import dev.perstack.protocol.job.SkillToolDefinition;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.FileBinaryPart;
import dev.perstack.protocol.message.FileInlinePart;
import dev.perstack.protocol.message.FileUrlPart;
import dev.perstack.protocol.message.ImageBinaryPart;
import dev.perstack.protocol.message.ImageInlinePart;
import dev.perstack.protocol.message.ImageUrlPart;
import dev.perstack.protocol.message.InstructionMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.MessagePart;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ThinkingPart;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.ToolMessage;
import dev.perstack.protocol.message.ToolResult;
import dev.perstack.protocol.message.ToolResultPart;
import dev.perstack.protocol.message.Usage;
import dev.perstack.protocol.message.UserMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Sample records, one of each kind, with optional fields both present and absent. */
public final class Fixtures {
  public static final String JOB = "job-1";
  public static final String RUN = "run-1";
  public static final String EXPERT = "writer@1.0.0";
  public static final long T = 1_760_000_000_000L;

  private Fixtures() {}

  public static ObjectNode object(String key, String value) {
    return JsonNodeFactory.instance.objectNode().put(key, value);
  }

  public static ObjectNode schema() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    schema.putObject("properties").putObject("path").put("type", "string");
    return schema;
  }

  public static Usage usage() {
    return new Usage(120, 30, 8, 150, 64);
  }

  public static ToolCall toolCall() {
    return new ToolCall("call-1", "@perstack/base", "readTextFile", object("path", "README.md"));
  }

  public static ToolCall delegateCall() {
    return new ToolCall("call-2", "researcher", "researcher", object("query", "find sources"));
  }

  public static ToolResult toolResult() {
    return new ToolResult(
        "call-1", "@perstack/base", "readTextFile", List.of(new TextPart("p-9", "# Hello")));
  }

  public static List<MessagePart> everyPart() {
    return List.of(
        new TextPart("p-1", "hi"),
        new ImageUrlPart("p-2", "https://example.com/a.png", "image/png"),
        new ImageInlinePart("p-3", "iVBORw0KGgo=", "image/png"),
        new ImageBinaryPart("p-4", "\u0089PNG", "image/png"),
        new FileUrlPart("p-5", "https://example.com/a.pdf", "application/pdf"),
        new FileInlinePart("p-6", "JVBERi0=", "application/pdf"),
        new FileBinaryPart("p-7", "%PDF-", "application/pdf"),
        new ToolCallPart("p-8", "call-1", "readTextFile", object("path", "README.md")),
        new ToolResultPart(
            "p-9",
            "call-1",
            "readTextFile",
            List.of(
                new TextPart("p-10", "# Hello"), new ImageInlinePart("p-11", "AA==", "image/png")),
            Optional.of(false)),
        new ThinkingPart("p-12", "The user wants the file.", Optional.of("sig-abc")));
  }

  public static InstructionMessage instruction() {
    return new InstructionMessage(
        "m-1", List.of(new TextPart("p-20", "You are a writer.")), Optional.of(true));
  }

  public static UserMessage user() {
    return new UserMessage(
        "m-2",
        List.of(
            new TextPart("p-21", "Summarise the README"),
            new FileInlinePart("p-22", "JVBERi0=", "application/pdf")),
        Optional.empty());
  }

  public static ExpertMessage expert() {
    return new ExpertMessage(
        "m-3",
        List.of(
            new ThinkingPart("p-23", "read it first", Optional.empty()),
            new ToolCallPart("p-24", "call-1", "readTextFile", object("path", "README.md"))),
        Optional.empty());
  }

  public static ToolMessage tool() {
    return new ToolMessage(
        "m-4",
        List.of(
            new ToolResultPart(
                "p-25",
                "call-1",
                "readTextFile",
                List.of(new TextPart("p-26", "# Hello")),
                Optional.empty())),
        Optional.empty());
  }

  public static List<Message> conversation() {
    return List.of(instruction(), user(), expert(), tool());
  }

  public static ExpertRef expertRef() {
    return new ExpertRef(EXPERT, "writer", "1.0.0");
  }

  /** A checkpoint with only the required fields. */
  public static Checkpoint checkpoint(int step) {
    return checkpoint(step, CheckpointStatus.PROCEEDING);
  }

  public static Checkpoint checkpoint(int step, CheckpointStatus status) {
    return new Checkpoint(
        "cp-" + step,
        JOB,
        RUN,
        status,
        step,
        conversation(),
        expertRef(),
        Optional.empty(),
        Optional.empty(),
        usage(),
        OptionalLong.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty());
  }

  /** A checkpoint with every optional field present. */
  public static Checkpoint fullCheckpoint() {
    ObjectNode metadata = object("runtime", "docker");
    metadata.put("containerId", "abc123");
    return new Checkpoint(
        "cp-full",
        JOB,
        RUN,
        CheckpointStatus.STOPPED_BY_DELEGATE,
        3,
        conversation(),
        expertRef(),
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
        usage(),
        OptionalLong.of(200_000),
        OptionalDouble.of(0.25),
        Optional.of(List.of(delegateCall())),
        Optional.of(List.of(toolResult())),
        Optional.of(metadata),
        Optional.of(new RunError("APICallError", "overloaded", OptionalInt.of(529), true)),
        OptionalInt.of(2));
  }

  public static Step step(int number) {
    return new Step(
        number,
        Optional.of(List.of(instruction(), user())),
        List.of(expert(), tool()),
        Optional.of(List.of(toolCall())),
        Optional.of(List.of(toolResult())),
        Optional.empty(),
        Optional.empty(),
        usage(),
        T,
        OptionalLong.of(T + 1500));
  }

  public static RunError error() {
    return new RunError("APICallError", "rate limited", OptionalInt.of(429), true);
  }

  /** One of every event type, in the reference's order. */
  public static List<PerstackEvent> everyEvent() {
    int s = 2;
    return List.of(
        new StartRun("e-1", EXPERT, T, JOB, RUN, s, checkpoint(s), List.of(instruction(), user())),
        new StartGeneration("e-2", EXPERT, T, JOB, RUN, s, conversation()),
        new Retry(
            "e-3",
            EXPERT,
            T,
            JOB,
            RUN,
            s,
            "no tool call",
            List.of(user()),
            Optional.of(List.of(toolCall())),
            Optional.empty(),
            usage()),
        new CallTools("e-4", EXPERT, T, JOB, RUN, s, expert(), List.of(toolCall()), usage()),
        new CallInteractiveTool(
            "e-5",
            EXPERT,
            T,
            JOB,
            RUN,
            s,
            expert(),
            new ToolCall("call-3", "ask", "askUser", object("question", "which file?")),
            usage()),
        new CallDelegate("e-6", EXPERT, T, JOB, RUN, s, expert(), List.of(delegateCall()), usage()),
        new ResolveToolResults("e-7", EXPERT, T, JOB, RUN, s, List.of(toolResult())),
        new AttemptCompletion("e-8", EXPERT, T, JOB, RUN, s, toolResult()),
        new FinishToolCall("e-9", EXPERT, T, JOB, RUN, s, List.of(tool())),
        new ResumeToolCalls(
            "e-10", EXPERT, T, JOB, RUN, s, List.of(delegateCall()), List.of(toolResult())),
        new FinishAllToolCalls("e-11", EXPERT, T, JOB, RUN, s, List.of(tool(), user())),
        new ContinueToNextStep(
            "e-12", EXPERT, T, JOB, RUN, s, checkpoint(s), step(s), checkpoint(s + 1)),
        new StopRunByInteractiveTool(
            "e-13",
            EXPERT,
            T,
            JOB,
            RUN,
            s,
            checkpoint(s, CheckpointStatus.STOPPED_BY_INTERACTIVE_TOOL),
            step(s)),
        new StopRunByDelegate("e-14", EXPERT, T, JOB, RUN, s, fullCheckpoint(), step(s)),
        new StopRunByExceededMaxSteps(
            "e-15",
            EXPERT,
            T,
            JOB,
            RUN,
            s,
            checkpoint(s, CheckpointStatus.STOPPED_BY_EXCEEDED_MAX_STEPS),
            step(s)),
        new StopRunByError(
            "e-16",
            EXPERT,
            T,
            JOB,
            RUN,
            s,
            checkpoint(s, CheckpointStatus.STOPPED_BY_ERROR),
            step(s),
            new RunError("Error", "boom", OptionalInt.empty(), false)),
        new CompleteRun(
            "e-17",
            EXPERT,
            T,
            JOB,
            RUN,
            s,
            checkpoint(s, CheckpointStatus.COMPLETED),
            step(s),
            "Done.",
            usage()),
        new StartStreamingReasoning("e-18", EXPERT, T, JOB, RUN, s),
        new StreamReasoning("e-19", EXPERT, T, JOB, RUN, s, "Let me "),
        new CompleteStreamingReasoning("e-20", EXPERT, T, JOB, RUN, s, "Let me think."),
        new StartStreamingRunResult("e-21", EXPERT, T, JOB, RUN, s),
        new StreamRunResult("e-22", EXPERT, T, JOB, RUN, s, "Do"),
        new CompleteStreamingRunResult("e-23", EXPERT, T, JOB, RUN, s, "Done."),
        new InitializeRuntime(
            "e-24",
            T,
            JOB,
            RUN,
            "0.1.0",
            Optional.of("docker"),
            "writer",
            List.of(EXPERT, "researcher"),
            "claude-sonnet-4-5",
            OptionalInt.of(100),
            5,
            300_000,
            Optional.of("Summarise the README"),
            Optional.of(new InitializeRuntime.InteractiveToolCall("askUser", "call-3", "a.md"))),
        new SkillStarting(
            "e-25", T, JOB, RUN, "github", "npx", List.of("-y", "@modelcontextprotocol/github")),
        new SkillConnected(
            "e-26",
            T,
            JOB,
            RUN,
            "github",
            Optional.of(new SkillConnected.ServerInfo("github-mcp", "1.2.3")),
            OptionalLong.of(850),
            OptionalLong.of(900),
            OptionalLong.of(150),
            OptionalLong.of(700),
            OptionalLong.of(50)),
        new SkillStderr("e-27", T, JOB, RUN, "github", "warning: slow network"),
        new SkillDisconnected("e-28", T, JOB, RUN, "github"),
        new DockerBuildProgress(
            "e-29",
            T,
            JOB,
            RUN,
            DockerBuildProgress.Stage.PULLING,
            "runtime",
            "pulling base",
            OptionalDouble.of(42.5)),
        new DockerContainerStatus(
            "e-30", T, JOB, RUN, DockerContainerStatus.Status.HEALTHY, "runtime", Optional.empty()),
        new ProxyAccess(
            "e-31",
            T,
            JOB,
            RUN,
            ProxyAccess.Action.BLOCKED,
            "evil.example",
            443,
            Optional.of("not in allowedDomains")));
  }

  public static ExpertSpec expertSpec(String key, List<String> delegates) {
    Map<String, SkillSpec> skills = new LinkedHashMap<>();
    skills.put(
        BaseSkillSpec.NAME,
        new BaseSkillSpec(
            BaseSkillSpec.NAME,
            Optional.empty(),
            Optional.empty(),
            List.of(),
            List.of("exec"),
            List.of("GH_TOKEN")));
    skills.put(
        "github",
        new McpStdioSkillSpec(
            "github",
            Optional.of("GitHub"),
            Optional.of("Use it for issues."),
            List.of(),
            List.of(),
            "npx",
            Optional.of("@modelcontextprotocol/server-github@1.0.0"),
            List.of(),
            List.of("GH_TOKEN"),
            List.of("api.github.com"),
            true));
    skills.put(
        "search",
        new McpSseSkillSpec(
            "search",
            Optional.empty(),
            Optional.empty(),
            List.of("search"),
            List.of(),
            "https://mcp.example.com/sse",
            List.of()));
    skills.put(
        "ask",
        new InteractiveSkillSpec(
            "ask",
            Optional.empty(),
            Optional.empty(),
            Map.of(
                "askUser",
                new InteractiveToolSpec(
                    "askUser", Optional.of("Ask the user"), "{\"type\":\"object\"}"))));
    return new ExpertSpec(
        key,
        key.contains("@") ? key.substring(0, key.indexOf('@')) : key,
        "1.0.0",
        Optional.of("Writes things"),
        "You are a writer.",
        skills,
        delegates,
        List.of("docs"),
        List.of(
            new SkillToolDefinition("github", "listIssues", Optional.of("List issues"), schema())));
  }

  public static JobSpec jobSpec() {
    Map<String, ExpertSpec> experts = new LinkedHashMap<>();
    experts.put(EXPERT, expertSpec(EXPERT, List.of("researcher")));
    experts.put("researcher", expertSpec("researcher", List.of()));
    return new JobSpec(
        JOB,
        Optional.of(RUN),
        EXPERT,
        experts,
        "claude-sonnet-4-5",
        ReasoningBudget.DEFAULT,
        Optional.of("Summarise the README"),
        Optional.of(checkpoint(2, CheckpointStatus.STOPPED_BY_INTERACTIVE_TOOL)),
        Optional.of(new InteractiveToolAnswer("call-3", "askUser", "ask", "README.md")),
        JobLimits.DEFAULT,
        Map.of("GH_TOKEN", "ghp_secret"));
  }

  public static GenerationRequest generationRequest() {
    return new GenerationRequest(
        EXPERT,
        conversation(),
        List.of(new ToolDefinition("readTextFile", Optional.of("Read a file"), schema())),
        new ReasoningBudget.Tokens(2048),
        OptionalLong.of(4096));
  }

  public static GenerationResponse generationResponse() {
    return new GenerationResponse(
        List.of(
            new ThinkingPart("p-40", "hmm", Optional.empty()),
            new TextPart("p-41", "Here it is."),
            new ToolCallPart("p-42", "call-9", "readTextFile", object("path", "a.md"))),
        FinishReason.TOOL_CALLS,
        usage());
  }

  public static GenerationDelta delta(String text) {
    return new GenerationDelta(GenerationDelta.Kind.TEXT, text);
  }
}
