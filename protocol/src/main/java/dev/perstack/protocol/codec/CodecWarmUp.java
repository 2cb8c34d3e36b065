package dev.perstack.protocol.codec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.checkpoint.ExpertRef;
import dev.perstack.protocol.checkpoint.Step;
import dev.perstack.protocol.event.CallTools;
import dev.perstack.protocol.event.ContinueToNextStep;
import dev.perstack.protocol.event.FinishToolCall;
import dev.perstack.protocol.event.ResolveToolResults;
import dev.perstack.protocol.event.StartGeneration;
import dev.perstack.protocol.frame.CheckpointFrame;
import dev.perstack.protocol.frame.EventFrame;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.frame.GenerateFrame;
import dev.perstack.protocol.frame.GenerationResultFrame;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.InputMessage;
import dev.perstack.protocol.message.InstructionMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.ToolMessage;
import dev.perstack.protocol.message.ToolResult;
import dev.perstack.protocol.message.ToolResultPart;
import dev.perstack.protocol.message.Usage;
import dev.perstack.protocol.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Runs the codec through the frames of a made-up run, with references, so that a fresh JVM has
 * compiled them before the job's first steps need them: every job starts a new agent JVM, and its
 * first steps otherwise run the codec in the interpreter. Nothing here touches a connection.
 */
public final class CodecWarmUp {
  private static final String JOB = "warm-up";
  private static final Usage USAGE = new Usage(1, 1, 0, 2, 0);
  private static final ExpertRef EXPERT = new ExpertRef("warm-up", "warm-up", "1.0.0");

  private CodecWarmUp() {}

  /** Encodes and decodes {@code steps} steps' frames, one direction's references included. */
  public static void run(ProtocolCodec codec, int steps) {
    WireReferences sent = new WireReferences();
    WireReferences received = new WireReferences();
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    schema.putObject("properties").putObject("path").put("type", "string");
    List<ToolDefinition> tools =
        List.of(
            new ToolDefinition("readTextFile", Optional.of("Reads a file."), schema),
            new ToolDefinition("writeTextFile", Optional.of("Writes a file."), schema));
    List<Message> conversation = new ArrayList<>();
    conversation.add(
        new InstructionMessage("w-i", List.of(new TextPart("w-pi", "Warm up.")), Optional.empty()));
    conversation.add(
        new UserMessage("w-u", List.of(new TextPart("w-pu", "Go.")), Optional.empty()));
    try {
      for (int step = 1; step <= steps; step++) {
        for (Frame frame : step(step, conversation, tools)) {
          WireReferences.Draft out = sent.draft();
          byte[] body = codec.encodeFrame(frame, out);
          out.commit();
          WireReferences.Draft in = received.draft();
          codec.decodeFrame(body, in);
          in.commit();
        }
      }
    } catch (ProtocolException e) {
      throw new IllegalStateException("the codec cannot read back its own warm-up frames", e);
    }
  }

  private static List<Frame> step(
      int step, List<Message> conversation, List<ToolDefinition> tools) {
    List<Message> before = List.copyOf(conversation);
    ObjectNode args = JsonNodeFactory.instance.objectNode().put("path", "notes.txt");
    ToolCall call = new ToolCall("w-c" + step, "@perstack/base", "readTextFile", args);
    ExpertMessage expert =
        new ExpertMessage(
            "w-e" + step,
            List.of(new ToolCallPart("w-pc" + step, call.id(), call.toolName(), args)),
            Optional.empty());
    TextPart content = new TextPart("w-pr" + step, "the notes");
    ToolResult result =
        new ToolResult(call.id(), call.skillName(), call.toolName(), List.of(content));
    ToolMessage tool =
        new ToolMessage(
            "w-t" + step,
            List.of(
                new ToolResultPart(
                    "w-pt" + step, call.id(), call.toolName(), List.of(content), Optional.empty())),
            Optional.empty());
    conversation.add(expert);
    conversation.add(tool);
    List<Message> after = List.copyOf(conversation);
    List<InputMessage> added = List.of(tool);
    return List.of(
        new EventFrame(new StartGeneration("w-g" + step, "warm-up", 1L, JOB, "run", step, before)),
        new GenerateFrame(
            "w-r" + step,
            new GenerationRequest(
                "warm-up", before, tools, ReasoningBudget.DEFAULT, OptionalLong.empty())),
        new GenerationResultFrame(
            "w-r" + step,
            new GenerationResponse(expert.contents(), FinishReason.TOOL_CALLS, USAGE)),
        new EventFrame(
            new CallTools(
                "w-ct" + step, "warm-up", 1L, JOB, "run", step, expert, List.of(call), USAGE)),
        new EventFrame(
            new ResolveToolResults(
                "w-rt" + step, "warm-up", 1L, JOB, "run", step, List.of(result))),
        new EventFrame(new FinishToolCall("w-f" + step, "warm-up", 1L, JOB, "run", step, added)),
        new EventFrame(
            new ContinueToNextStep(
                "w-n" + step,
                "warm-up",
                1L,
                JOB,
                "run",
                step,
                checkpoint(step, after),
                new Step(
                    step,
                    Optional.empty(),
                    List.of(expert, tool),
                    Optional.of(List.of(call)),
                    Optional.of(List.of(result)),
                    Optional.empty(),
                    Optional.empty(),
                    USAGE,
                    1L,
                    OptionalLong.of(2L)),
                checkpoint(step + 1, after))),
        new CheckpointFrame(checkpoint(step, after)));
  }

  private static Checkpoint checkpoint(int step, List<Message> messages) {
    return new Checkpoint(
        "w-cp" + step,
        JOB,
        "run",
        CheckpointStatus.PROCEEDING,
        step,
        messages,
        EXPERT,
        Optional.empty(),
        Optional.empty(),
        USAGE,
        OptionalLong.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty());
  }
}
