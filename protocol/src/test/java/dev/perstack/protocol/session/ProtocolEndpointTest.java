package dev.perstack.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.perstack.protocol.Fixtures;
import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.frame.CheckpointFrame;
import dev.perstack.protocol.frame.GenerateFrame;
import dev.perstack.protocol.frame.HeartbeatFrame;
import dev.perstack.protocol.frame.HelloFrame;
import dev.perstack.protocol.frame.WelcomeFrame;
import dev.perstack.protocol.transport.FrameReader;
import dev.perstack.protocol.transport.FrameWriter;
import dev.perstack.protocol.transport.Framing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProtocolEndpointTest {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
  private final ProtocolSession session = new ProtocolSession();
  private ProtocolEndpoint agent;

  @BeforeEach
  void agentOverAByteSink() {
    agent =
        new ProtocolEndpoint(
            Peer.AGENT,
            FrameReader.of(
                new ByteArrayInputStream(new byte[0]), CODEC, Framing.DEFAULT_MAX_FRAME_BYTES),
            FrameWriter.of(wire, CODEC, Framing.DEFAULT_MAX_FRAME_BYTES),
            session);
  }

  ProtocolException sendFails(dev.perstack.protocol.frame.Frame frame) {
    Throwable thrown = catchThrowable(() -> agent.send(frame));
    assertThat(thrown).isInstanceOf(ProtocolException.class);
    return (ProtocolException) thrown;
  }

  @Nested
  class Sending {
    @Test
    void aFrameOutOfOrderIsNeitherWrittenNorRecorded() {
      ProtocolException e = sendFails(new HeartbeatFrame(1));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.OUT_OF_ORDER);
      assertThat(wire.size()).isZero();
      assertThat(session.state()).isEqualTo(ProtocolSession.State.AWAITING_HELLO);
    }

    @Test
    void aFrameInOrderIsWritten() throws Exception {
      agent.send(new HelloFrame(1, JobToken.generate().reveal()));

      assertThat(wire.size()).isGreaterThan(4);
      assertThat(session.state()).isEqualTo(ProtocolSession.State.AWAITING_WELCOME);
    }

    @Test
    void theAgentKeepsToTheControlPlanesAnnouncedFrameSize() throws Exception {
      agent.send(new HelloFrame(1, JobToken.generate().reveal()));
      session.accept(Peer.CONTROL_PLANE, new WelcomeFrame(1, 512, Fixtures.jobSpec()));
      int written = wire.size();

      ProtocolException e = sendFails(new CheckpointFrame(Fixtures.fullCheckpoint()));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.FRAME_TOO_LARGE);
      assertThat(e.what()).contains("control plane reads at most 512");
      assertThat(wire.size()).isEqualTo(written);
    }

    @Test
    void aGenerateTooLargeToSendIsNotLeftOutstanding() throws IOException, ProtocolException {
      agent.send(new HelloFrame(1, JobToken.generate().reveal()));
      session.accept(Peer.CONTROL_PLANE, new WelcomeFrame(1, 256, Fixtures.jobSpec()));

      sendFails(new GenerateFrame("g-1", Fixtures.generationRequest()));

      assertThat(session.outstandingRequests()).isEmpty();
    }
  }
}
