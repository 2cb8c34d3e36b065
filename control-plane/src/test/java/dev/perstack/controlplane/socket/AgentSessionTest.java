package dev.perstack.controlplane.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.frame.CheckpointFrame;
import dev.perstack.protocol.frame.CloseFrame;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.frame.GenerateFrame;
import dev.perstack.protocol.frame.GenerationErrorFrame;
import dev.perstack.protocol.frame.GenerationResultFrame;
import dev.perstack.protocol.frame.HelloFrame;
import dev.perstack.protocol.frame.RefusedFrame;
import dev.perstack.protocol.frame.WelcomeFrame;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.job.BaseSkillSpec;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.job.JobLimits;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.InstructionMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.Usage;
import dev.perstack.protocol.message.UserMessage;
import dev.perstack.protocol.session.JobToken;
import dev.perstack.protocol.transport.FrameReader;
import dev.perstack.protocol.transport.FrameWriter;
import dev.perstack.protocol.transport.Framing;
import dev.perstack.testsupport.protocol.SampleCheckpoints;
import dev.perstack.testsupport.protocol.SampleSkills;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane's side of the socket: it speaks protocol version 1 (agents in images built by
 * earlier releases, pinned by a lock) and version 2 (references to what the agent sent before), and
 * answers a generation only once the checkpoints before it are stored.
 */
class AgentSessionTest {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOB = "job-v";
  private static final String EXPERT = "writer";

  @TempDir Path dir;
  private final List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
  private final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();

  /** What waits for the store; while {@code holdStores} is set, the store "has not committed". */
  private final List<Runnable> waitingForStore = new CopyOnWriteArrayList<>();

  /** What runs instead of each of {@code waitingForStore} when the store fails. */
  private final List<Consumer<RuntimeException>> failingStore = new CopyOnWriteArrayList<>();

  private volatile boolean holdStores;
  private final java.util.concurrent.atomic.AtomicInteger generated =
      new java.util.concurrent.atomic.AtomicInteger();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private JobSocket socket;
  private JobToken token;
  private CompletableFuture<SessionEnd> end;

  @BeforeEach
  void listen() throws Exception {
    socket = JobSocket.open(dir.resolve("sock"));
    token = JobToken.generate();
    JobReporter reporter =
        new JobReporter() {
          @Override
          public void event(PerstackEvent event) {}

          @Override
          public void checkpoint(Checkpoint checkpoint) {
            checkpoints.add(checkpoint);
          }

          @Override
          public void whenStored(Runnable next, Consumer<RuntimeException> failed) {
            if (holdStores) {
              failingStore.add(failed);
              waitingForStore.add(next);
            } else {
              next.run();
            }
          }
        };
    GenerationHandler model =
        (jobId, request, onDelta) -> {
          requests.add(request);
          generated.incrementAndGet();
          return new GenerationResponse(
              List.of(new TextPart("p-r", "done")), FinishReason.STOP, new Usage(1, 1, 0, 2, 0));
        };
    end =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                SocketChannel channel = socket.accept(Duration.ofSeconds(10)).orElseThrow();
                return new AgentSession(
                        spec(),
                        token,
                        channel,
                        reporter,
                        model,
                        pool,
                        Framing.DEFAULT_MAX_FRAME_BYTES)
                    .run();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            pool);
  }

  @AfterEach
  void close() throws Exception {
    socket.close();
    pool.shutdownNow();
  }

  /** A test agent: the real reader and writer over the job's socket. */
  private final class Agent implements AutoCloseable {
    final SocketChannel channel;
    final FrameReader reader;
    final FrameWriter writer;
    final Frame answer;

    Agent(int version) throws Exception {
      channel = SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket.path()));
      reader = new FrameReader(channel, CODEC, Framing.DEFAULT_MAX_FRAME_BYTES);
      writer = new FrameWriter(channel, CODEC, Framing.DEFAULT_MAX_FRAME_BYTES);
      writer.write(new HelloFrame(version, token.reveal()));
      answer = reader.read().orElseThrow();
    }

    GenerationResponse generate(String id, GenerationRequest request) throws Exception {
      writer.write(new GenerateFrame(id, request));
      return ((GenerationResultFrame) reader.read().orElseThrow()).response();
    }

    SessionEnd finish() throws Exception {
      writer.write(new CloseFrame("done"));
      return end.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      channel.close();
    }
  }

  private static JobSpec spec() {
    ExpertSpec expert =
        new ExpertSpec(
            EXPERT,
            EXPERT,
            "1.0.0",
            Optional.empty(),
            "You write.",
            Map.of(BaseSkillSpec.NAME, SampleSkills.baseSkill()),
            List.of(),
            List.of(),
            List.of());
    return new JobSpec(
        JOB,
        Optional.of("run-1"),
        EXPERT,
        Map.of(EXPERT, expert),
        "test-model",
        ReasoningBudget.DEFAULT,
        Optional.of("go"),
        Optional.empty(),
        Optional.empty(),
        JobLimits.DEFAULT,
        Map.of());
  }

  private static List<Message> conversation(int steps) {
    List<Message> messages = new ArrayList<>();
    messages.add(
        new InstructionMessage(
            "m-i", List.of(new TextPart("p-i", "You write.")), Optional.empty()));
    messages.add(new UserMessage("m-u", List.of(new TextPart("p-u", "go")), Optional.empty()));
    for (int i = 1; i < steps; i++) {
      messages.add(
          new ExpertMessage(
              "m-e" + i,
              List.of(new TextPart("p-e" + i, "thinking, step " + i)),
              Optional.empty()));
    }
    return messages;
  }

  private static Checkpoint checkpoint(int step) {
    return SampleCheckpoints.proceeding("cp-" + step, JOB, EXPERT, step, conversation(step));
  }

  private static GenerationRequest request(int step) {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    return new GenerationRequest(
        EXPERT,
        conversation(step),
        List.of(new ToolDefinition("readTextFile", Optional.of("Reads a file"), schema)),
        ReasoningBudget.DEFAULT,
        OptionalLong.empty());
  }

  @Nested
  class Version2 {
    @Test
    void anAgentThatRefersToWhatItSentGetsEverythingStoredWhole() throws Exception {
      try (Agent agent = new Agent(2)) {
        assertThat(((WelcomeFrame) agent.answer).protocolVersion()).isEqualTo(2);
        agent.writer.useReferences();
        agent.reader.useReferences();
        for (int step = 1; step <= 3; step++) {
          agent.writer.write(new CheckpointFrame(checkpoint(step)));
          agent.generate("g-" + step, request(step));
        }

        assertThat(agent.finish().problem()).isEmpty();
      }
      assertThat(checkpoints).containsExactly(checkpoint(1), checkpoint(2), checkpoint(3));
      assertThat(requests).containsExactly(request(1), request(2), request(3));
    }

    @Test
    void aReferenceToSomethingNeverSentCutsTheAgentOff() throws Exception {
      try (Agent agent = new Agent(2)) {
        ObjectNode frame =
            (ObjectNode) JSON.readTree(CODEC.encodeFrame(new CheckpointFrame(checkpoint(1))));
        frame
            .withArray("/checkpoint/messages")
            .set(0, JSON.createObjectNode().put("type", "messageRef").put("id", "m-nowhere"));
        rawWrite(agent, frame.toString());

        SessionEnd ended = end.get(10, TimeUnit.SECONDS);
        assertThat(ended.violation())
            .hasValueSatisfying(
                v -> {
                  assertThat(v.code()).isEqualTo(ProtocolErrorCode.INVALID_FIELD);
                  assertThat(v.getMessage())
                      .contains("m-nowhere")
                      .contains("$.checkpoint.messages[0]");
                });
      }
      assertThat(checkpoints).isEmpty();
    }
  }

  @Nested
  class Version1 {
    @Test
    void anAgentOfAnEarlierReleaseIsWelcomedInItsVersionAndServed() throws Exception {
      try (Agent agent = new Agent(1)) {
        assertThat(((WelcomeFrame) agent.answer).protocolVersion()).isEqualTo(1);
        for (int step = 1; step <= 2; step++) {
          agent.writer.write(new CheckpointFrame(checkpoint(step)));
          agent.generate("g-" + step, request(step));
        }

        assertThat(agent.finish().problem()).isEmpty();
      }
      assertThat(checkpoints).containsExactly(checkpoint(1), checkpoint(2));
      assertThat(requests).containsExactly(request(1), request(2));
    }

    @Test
    void aReferenceFromAVersion1AgentIsAnUnknownType() throws Exception {
      try (Agent agent = new Agent(1)) {
        agent.writer.useReferences(); // a broken agent: references without agreeing on version 2
        agent.writer.write(new CheckpointFrame(checkpoint(1)));
        agent.writer.write(new CheckpointFrame(checkpoint(2)));

        SessionEnd ended = end.get(10, TimeUnit.SECONDS);
        assertThat(ended.violation())
            .hasValueSatisfying(
                v -> assertThat(v.code()).isEqualTo(ProtocolErrorCode.UNKNOWN_TYPE));
      }
      assertThat(checkpoints).containsExactly(checkpoint(1));
    }
  }

  @Nested
  class CheckpointBarrier {
    /** An agent of version 2 that sent a checkpoint, then generation request g-1. */
    private Agent checkpointThenGeneration() throws Exception {
      Agent agent = new Agent(2);
      agent.writer.useReferences();
      agent.reader.useReferences();
      agent.writer.write(new CheckpointFrame(checkpoint(1)));
      agent.writer.write(new GenerateFrame("g-1", request(1)));
      return agent;
    }

    @Test
    void theModelIsCalledOnlyOnceTheCheckpointBeforeTheRequestIsStored() throws Exception {
      holdStores = true;
      try (Agent agent = checkpointThenGeneration()) {

        await("the request waiting for the store", () -> waitingForStore.size() == 1);
        Thread.sleep(100); // time enough for a model call that did not wait to happen
        assertThat(generated).as("no model call before the checkpoint is stored").hasValue(0);

        waitingForStore.forEach(Runnable::run);
        assertThat(((GenerationResultFrame) agent.reader.read().orElseThrow()).requestId())
            .isEqualTo("g-1");
        assertThat(generated).hasValue(1);
        assertThat(agent.finish().problem()).isEmpty();
      }
    }

    @Test
    void aCheckpointThatCouldNotBeStoredFailsTheGenerationWithoutCallingTheModel()
        throws Exception {
      holdStores = true;
      try (Agent agent = checkpointThenGeneration()) {
        await("the request waiting for the store", () -> failingStore.size() == 1);

        failingStore.get(0).accept(new IllegalStateException("disk full at /var/lib/perstack"));

        GenerationErrorFrame answer = (GenerationErrorFrame) agent.reader.read().orElseThrow();
        assertThat(answer.requestId()).isEqualTo("g-1");
        assertThat(answer.error().name()).isEqualTo("StoreError");
        assertThat(answer.error().isRetryable()).isFalse();
        assertThat(answer.error().message())
            .contains("the model was not called")
            .as("what the store said stays out of the sandbox")
            .doesNotContain("disk full");
        assertThat(generated).hasValue(0);
      }
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier condition)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s for " + what).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void anAgentOfAnUnknownVersionIsRefusedWithTheVersionsSpoken() throws Exception {
    try (Agent agent = new Agent(3)) {
      RefusedFrame refused = (RefusedFrame) agent.answer;

      assertThat(refused.code()).isEqualTo(ProtocolErrorCode.VERSION_MISMATCH);
      assertThat(refused.reason()).contains("3").contains("1").contains("2");
    }
  }

  private static void rawWrite(Agent agent, String json) throws Exception {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4 + body.length);
    buffer.putInt(body.length).put(body).flip();
    while (buffer.hasRemaining()) {
      agent.channel.write(buffer);
    }
  }
}
