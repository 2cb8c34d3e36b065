package dev.perstack.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.perstack.protocol.Fixtures;
import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.event.StreamReasoning;
import dev.perstack.protocol.frame.CheckpointFrame;
import dev.perstack.protocol.frame.CloseFrame;
import dev.perstack.protocol.frame.EventFrame;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.frame.GenerateFrame;
import dev.perstack.protocol.frame.GenerationDeltaFrame;
import dev.perstack.protocol.frame.GenerationResultFrame;
import dev.perstack.protocol.frame.HelloFrame;
import dev.perstack.protocol.frame.ProtocolVersion;
import dev.perstack.protocol.frame.RefusedFrame;
import dev.perstack.protocol.frame.WelcomeFrame;
import dev.perstack.protocol.transport.Framing;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Both ends of the protocol over a real Unix-domain socket. */
@Timeout(30)
class UnixSocketConversationTest {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private static final int MAX = Framing.DEFAULT_MAX_FRAME_BYTES;
  private static final int SENDERS = 4;
  private static final int EVENTS_PER_SENDER = 25;

  @TempDir Path dir;
  private ServerSocketChannel server;
  private SocketChannel agentChannel;
  private SocketChannel controlPlaneChannel;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final JobToken token = JobToken.generate();

  @BeforeEach
  void connect() throws IOException {
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("job.sock"));
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(address);
    agentChannel = SocketChannel.open(address);
    controlPlaneChannel = server.accept();
  }

  @AfterEach
  void disconnect() throws Exception {
    threads.shutdownNow();
    threads.awaitTermination(5, TimeUnit.SECONDS);
    agentChannel.close();
    controlPlaneChannel.close();
    server.close();
  }

  @Test
  void aWholeJobRunsOverTheSocketWithEventsFromSeveralThreadsAndClosesCleanly() throws Exception {
    ProtocolEndpoint controlPlane =
        ProtocolEndpoint.over(Peer.CONTROL_PLANE, controlPlaneChannel, CODEC, MAX);
    Future<List<Frame>> served = threads.submit(() -> serve(controlPlane));
    ProtocolEndpoint agent = ProtocolEndpoint.over(Peer.AGENT, agentChannel, CODEC, MAX);

    agent.send(new HelloFrame(ProtocolVersion.CURRENT, token.reveal()));
    assertThat(agent.receive()).get().isInstanceOf(WelcomeFrame.class);
    List<Future<?>> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      String runId = "run-" + s;
      senders.add(threads.submit(() -> sendEvents(agent, runId)));
    }
    agent.send(new GenerateFrame("g-1", Fixtures.generationRequest()));
    assertThat(agent.receive()).get().isInstanceOf(GenerationDeltaFrame.class);
    assertThat(agent.receive())
        .get()
        .isEqualTo(new GenerationResultFrame("g-1", Fixtures.generationResponse()));
    for (Future<?> sender : senders) {
      sender.get();
    }
    agent.send(new CheckpointFrame(Fixtures.checkpoint(3, CheckpointStatus.COMPLETED)));
    agent.send(new CloseFrame("completed"));
    assertThat(agent.receive()).contains(new CloseFrame("bye"));
    assertThat(agent.receive()).isEmpty();
    agentChannel.shutdownOutput();

    List<Frame> received = served.get();
    assertThat(agent.session().state()).isEqualTo(ProtocolSession.State.CLOSED);
    assertThat(controlPlane.session().state()).isEqualTo(ProtocolSession.State.CLOSED);
    assertThat(received).hasSize(1 + SENDERS * EVENTS_PER_SENDER + 1 + 1 + 1);
    for (int s = 0; s < SENDERS; s++) {
      String runId = "run-" + s;
      assertThat(deltasOf(received, runId))
          .as("events of %s arrive whole and in order", runId)
          .isEqualTo(expectedDeltas());
    }
  }

  @Test
  void anAgentWithTheWrongTokenIsRefusedAndTheStreamEndsCleanly() throws Exception {
    ProtocolEndpoint controlPlane =
        ProtocolEndpoint.over(Peer.CONTROL_PLANE, controlPlaneChannel, CODEC, MAX);
    Future<?> served =
        threads.submit(
            () -> {
              HelloFrame hello = (HelloFrame) controlPlane.receive().orElseThrow();
              HandshakeGate gate = new HandshakeGate(Fixtures.JOB, token);
              try {
                gate.admit(hello);
              } catch (ProtocolException e) {
                controlPlane.send(HandshakeGate.refusal(e));
                controlPlaneChannel.shutdownOutput();
              }
              return null;
            });
    ProtocolEndpoint agent = ProtocolEndpoint.over(Peer.AGENT, agentChannel, CODEC, MAX);

    agent.send(new HelloFrame(ProtocolVersion.CURRENT, JobToken.generate().reveal()));
    Frame answer = agent.receive().orElseThrow();
    served.get();

    assertThat(answer).isInstanceOf(RefusedFrame.class);
    assertThat(((RefusedFrame) answer).toException().code()).isEqualTo(ProtocolErrorCode.BAD_TOKEN);
    assertThat(agent.receive()).isEmpty();
    assertThat(agent.session().state()).isEqualTo(ProtocolSession.State.CLOSED);
  }

  @Test
  void anAgentThatDisappearsWithoutCloseIsAConnectionLost() throws Exception {
    ProtocolEndpoint controlPlane =
        ProtocolEndpoint.over(Peer.CONTROL_PLANE, controlPlaneChannel, CODEC, MAX);
    ProtocolEndpoint agent = ProtocolEndpoint.over(Peer.AGENT, agentChannel, CODEC, MAX);
    agent.send(new HelloFrame(ProtocolVersion.CURRENT, token.reveal()));
    controlPlane.receive();

    agentChannel.close();
    Throwable thrown = catchThrowable(controlPlane::receive);

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ProtocolErrorCode.CONNECTION_LOST);
              assertThat(e.what()).contains("agent", "AWAITING_WELCOME");
            });
  }

  @Test
  void aFrameCutOffByTheSocketClosingIsTruncated() throws Exception {
    ProtocolEndpoint controlPlane =
        ProtocolEndpoint.over(Peer.CONTROL_PLANE, controlPlaneChannel, CODEC, MAX);
    byte[] body = CODEC.encodeFrame(new HelloFrame(ProtocolVersion.CURRENT, token.reveal()));
    ByteBuffer half = ByteBuffer.allocate(4 + body.length / 2).putInt(body.length);
    half.put(body, 0, body.length / 2).flip();

    agentChannel.write(half);
    agentChannel.shutdownOutput();
    Throwable thrown = catchThrowable(controlPlane::receive);

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ProtocolErrorCode.TRUNCATED));
  }

  @Test
  void anOversizedFrameFromTheAgentIsRefusedWithoutReadingItsBody() throws Exception {
    ProtocolEndpoint controlPlane =
        ProtocolEndpoint.over(Peer.CONTROL_PLANE, controlPlaneChannel, CODEC, 1024);

    agentChannel.write(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).flip());
    Throwable thrown = catchThrowable(controlPlane::receive);

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ProtocolErrorCode.FRAME_TOO_LARGE));
  }

  private List<Frame> serve(ProtocolEndpoint controlPlane) throws Exception {
    List<Frame> received = Collections.synchronizedList(new ArrayList<>());
    HandshakeGate gate = new HandshakeGate(Fixtures.JOB, token);
    HelloFrame hello = (HelloFrame) controlPlane.receive().orElseThrow();
    gate.admit(hello);
    received.add(hello);
    controlPlane.send(new WelcomeFrame(ProtocolVersion.CURRENT, MAX, Fixtures.jobSpec()));
    for (Optional<Frame> next = controlPlane.receive();
        next.isPresent();
        next = controlPlane.receive()) {
      Frame frame = next.get();
      received.add(frame);
      if (frame instanceof GenerateFrame generate) {
        controlPlane.send(new GenerationDeltaFrame(generate.requestId(), Fixtures.delta("Here")));
        controlPlane.send(
            new GenerationResultFrame(generate.requestId(), Fixtures.generationResponse()));
      } else if (frame instanceof CloseFrame) {
        controlPlane.send(new CloseFrame("bye"));
        controlPlaneChannel.shutdownOutput();
      }
    }
    return received;
  }

  private static Void sendEvents(ProtocolEndpoint agent, String runId) throws Exception {
    for (int i = 0; i < EVENTS_PER_SENDER; i++) {
      agent.send(
          new EventFrame(
              new StreamReasoning(
                  runId + "-e" + i,
                  Fixtures.EXPERT,
                  Fixtures.T + i,
                  Fixtures.JOB,
                  runId,
                  1 + i / 5,
                  "delta " + i + " " + "x".repeat(2000))));
    }
    return null;
  }

  private static List<String> deltasOf(List<Frame> frames, String runId) {
    return frames.stream()
        .filter(EventFrame.class::isInstance)
        .map(f -> (StreamReasoning) ((EventFrame) f).event())
        .filter(e -> e.runId().equals(runId))
        .map(e -> e.delta().substring(0, e.delta().indexOf(' ', 6)))
        .toList();
  }

  private static List<String> expectedDeltas() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < EVENTS_PER_SENDER; i++) {
      expected.add("delta " + i);
    }
    return expected;
  }
}
