package dev.perstack.protocol.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.checkpoint.ExpertRef;
import dev.perstack.protocol.checkpoint.Step;
import dev.perstack.protocol.event.ContinueToNextStep;
import dev.perstack.protocol.event.StartGeneration;
import dev.perstack.protocol.frame.CheckpointFrame;
import dev.perstack.protocol.frame.EventFrame;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.frame.GenerateFrame;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.ExpertMessage;
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
import java.util.Set;
import java.util.TreeSet;

/**
 * Benchmark (not a test): the frames a run's steps put on the socket (startGeneration, generate,
 * continueToNextStep, checkpoint) with protocol version 1 (everything in full) and version 2
 * (references), in bytes and in the CPU time to encode and decode them in a warm JVM. Run by {@code
 * bench/wire.sh}.
 */
public final class WireVolumeBench {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Usage USAGE = new Usage(1200, 80, 0, 1280, 0);
  private static final ExpertRef EXPERT = new ExpertRef("bench", "bench", "1.0.0");

  private WireVolumeBench() {}

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    Set<Integer> report = new TreeSet<>(List.of(10, 50, 100, 200, 400, 600, 1000, steps));
    run(steps, Set.of()); // warm up the JIT
    System.out.printf(
        "%6s %12s %12s %12s %12s%n", "step", "v1 bytes", "v2 bytes", "v1 µs", "v2 µs");
    long[] totals = run(steps, report);
    System.out.printf(
        "whole run of %d steps: v1 %.1f MB, %d ms; v2 %.2f MB, %d ms%n",
        steps, totals[0] / 1e6, totals[2] / 1_000_000, totals[1] / 1e6, totals[3] / 1_000_000);
  }

  /** Encodes and decodes every step's frames both ways; returns total bytes and nanoseconds. */
  private static long[] run(int steps, Set<Integer> report) throws Exception {
    WireReferences sent = new WireReferences();
    WireReferences received = new WireReferences();
    List<ToolDefinition> tools = tools();
    List<Message> conversation = new ArrayList<>();
    conversation.add(
        new InstructionMessage(
            "m-i",
            List.of(new TextPart("p-i", "You are a careful reader. ".repeat(40))),
            Optional.empty()));
    conversation.add(
        new UserMessage("m-u", List.of(new TextPart("p-u", "Read the notes.")), Optional.empty()));
    long[] totals = new long[4];
    for (int step = 1; step <= steps; step++) {
      List<Message> before = List.copyOf(conversation);
      ToolCall call = new ToolCall("call-" + step, "@perstack/base", "readTextFile", args());
      ExpertMessage expert =
          new ExpertMessage(
              "m-e" + step,
              List.of(new ToolCallPart("p-c" + step, call.id(), call.toolName(), call.args())),
              Optional.empty());
      TextPart content = new TextPart("p-r" + step, "line of the notes file\n".repeat(10));
      ToolMessage tool =
          new ToolMessage(
              "m-t" + step,
              List.of(
                  new ToolResultPart(
                      "p-t" + step,
                      call.id(),
                      call.toolName(),
                      List.of(content),
                      Optional.empty())),
              Optional.empty());
      conversation.add(expert);
      conversation.add(tool);
      List<Message> after = List.copyOf(conversation);
      List<Frame> frames =
          List.of(
              new EventFrame(
                  new StartGeneration("e-g" + step, "bench", 1L, "job", "run", step, before)),
              new GenerateFrame(
                  "g-" + step,
                  new GenerationRequest(
                      "bench", before, tools, ReasoningBudget.DEFAULT, OptionalLong.empty())),
              new EventFrame(
                  new ContinueToNextStep(
                      "e-c" + step,
                      "bench",
                      1L,
                      "job",
                      "run",
                      step,
                      checkpoint(step, after),
                      new Step(
                          step,
                          Optional.empty(),
                          List.of(expert, tool),
                          Optional.of(List.of(call)),
                          Optional.of(
                              List.of(
                                  new ToolResult(
                                      call.id(),
                                      call.skillName(),
                                      call.toolName(),
                                      List.of(content)))),
                          Optional.empty(),
                          Optional.empty(),
                          USAGE,
                          1L,
                          OptionalLong.of(2L)),
                      checkpoint(step + 1, after))),
              new CheckpointFrame(checkpoint(step, after)));
      long[] v1 = carry(frames, null, null);
      long[] v2 = carry(frames, sent, received);
      totals[0] += v1[0];
      totals[1] += v2[0];
      totals[2] += v1[1];
      totals[3] += v2[1];
      if (report.contains(step)) {
        System.out.printf(
            "%6d %12d %12d %12d %12d%n", step, v1[0], v2[0], v1[1] / 1000, v2[1] / 1000);
      }
    }
    return totals;
  }

  /** Bytes and nanoseconds to encode and decode {@code frames}, with references when given. */
  private static long[] carry(List<Frame> frames, WireReferences sent, WireReferences received)
      throws Exception {
    long bytes = 0;
    long started = System.nanoTime();
    for (Frame frame : frames) {
      byte[] body;
      Frame back;
      if (sent == null) {
        body = CODEC.encodeFrame(frame);
        back = CODEC.decodeFrame(body);
      } else {
        WireReferences.Draft out = sent.draft();
        body = CODEC.encodeFrame(frame, out);
        out.commit();
        WireReferences.Draft in = received.draft();
        back = CODEC.decodeFrame(body, in);
        in.commit();
      }
      if (!back.type().equals(frame.type())) {
        throw new IllegalStateException("decoded a " + back.type() + " from a " + frame.type());
      }
      bytes += body.length;
    }
    return new long[] {bytes, System.nanoTime() - started};
  }

  private static Checkpoint checkpoint(int step, List<Message> messages) {
    return new Checkpoint(
        "cp-" + step,
        "job",
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

  private static ObjectNode args() {
    return JSON.createObjectNode().put("path", "notes.txt");
  }

  /** Fifteen tools with schemas the size of the base skill's. */
  private static List<ToolDefinition> tools() {
    List<ToolDefinition> tools = new ArrayList<>();
    for (int i = 1; i <= 15; i++) {
      ObjectNode schema = JSON.createObjectNode().put("type", "object");
      ObjectNode properties = schema.putObject("properties");
      properties.putObject("path").put("type", "string").put("description", "a workspace path");
      properties.putObject("limit").put("type", "integer").put("description", "at most so many");
      schema.putArray("required").add("path");
      tools.add(
          new ToolDefinition("tool" + i, Optional.of("Does thing number " + i + "."), schema));
    }
    return List.copyOf(tools);
  }
}
