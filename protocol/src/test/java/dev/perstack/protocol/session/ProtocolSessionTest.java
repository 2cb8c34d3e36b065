package dev.perstack.protocol.session;

import static dev.perstack.protocol.session.Peer.AGENT;
import static dev.perstack.protocol.session.Peer.CONTROL_PLANE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.perstack.protocol.Fixtures;
import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.event.SkillDisconnected;
import dev.perstack.protocol.event.StreamRunResult;
import dev.perstack.protocol.frame.CancelFrame;
import dev.perstack.protocol.frame.CheckpointFrame;
import dev.perstack.protocol.frame.CloseFrame;
import dev.perstack.protocol.frame.EventFrame;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.frame.GenerateFrame;
import dev.perstack.protocol.frame.GenerationDeltaFrame;
import dev.perstack.protocol.frame.GenerationErrorFrame;
import dev.perstack.protocol.frame.GenerationResultFrame;
import dev.perstack.protocol.frame.HeartbeatFrame;
import dev.perstack.protocol.frame.HelloFrame;
import dev.perstack.protocol.frame.RefusedFrame;
import dev.perstack.protocol.frame.WelcomeFrame;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProtocolSessionTest {
  private final ProtocolSession session = new ProtocolSession();

  static HelloFrame hello() {
    return new HelloFrame(1, JobToken.generate().reveal());
  }

  static WelcomeFrame welcome() {
    return new WelcomeFrame(1, 4096, Fixtures.jobSpec());
  }

  void open() throws ProtocolException {
    session.accept(AGENT, hello());
    session.accept(CONTROL_PLANE, welcome());
  }

  ProtocolException rejected(Peer sender, Frame frame) {
    Throwable thrown = catchThrowable(() -> session.accept(sender, frame));
    assertThat(thrown).isInstanceOf(ProtocolException.class);
    return (ProtocolException) thrown;
  }

  static EventFrame event(String runId, int step) {
    return new EventFrame(
        new StreamRunResult("e", Fixtures.EXPERT, 1, Fixtures.JOB, runId, step, "x"));
  }

  static CheckpointFrame checkpoint(int step) {
    return new CheckpointFrame(Fixtures.checkpoint(step));
  }

  @Nested
  class Handshake {
    @Test
    void helloThenWelcomeOpensTheSessionWithTheJobSpec() throws Exception {
      open();

      assertThat(session.state()).isEqualTo(ProtocolSession.State.OPEN);
      assertThat(session.jobSpec()).contains(Fixtures.jobSpec());
      assertThat(session.maxFrameBytes()).contains(4096);
    }

    @Test
    void anEventBeforeHelloIsOutOfOrder() {
      ProtocolException e = rejected(AGENT, event(Fixtures.RUN, 1));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.OUT_OF_ORDER);
      assertThat(e.what()).contains("first frame must be hello");
      assertThat(session.state()).isEqualTo(ProtocolSession.State.AWAITING_HELLO);
    }

    @Test
    void aHeartbeatBeforeHelloIsOutOfOrder() {
      assertThat(rejected(AGENT, new HeartbeatFrame(1)).code())
          .isEqualTo(ProtocolErrorCode.OUT_OF_ORDER);
    }

    @Test
    void theAgentMaySendNothingBetweenHelloAndWelcome() throws Exception {
      session.accept(AGENT, hello());

      ProtocolException e = rejected(AGENT, new GenerateFrame("g", Fixtures.generationRequest()));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.OUT_OF_ORDER);
      assertThat(e.what()).contains("welcome");
    }

    @Test
    void aWelcomeForAnotherVersionIsAVersionMismatch() throws Exception {
      session.accept(AGENT, hello());

      ProtocolException e = rejected(CONTROL_PLANE, new WelcomeFrame(2, 4096, Fixtures.jobSpec()));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.VERSION_MISMATCH);
      assertThat(session.state()).isEqualTo(ProtocolSession.State.AWAITING_WELCOME);
    }

    @Test
    void aRefusalClosesTheSessionAndTheStreamMayEnd() throws Exception {
      session.accept(AGENT, hello());
      session.accept(CONTROL_PLANE, new RefusedFrame(ProtocolErrorCode.BAD_TOKEN, "no"));

      assertThat(session.state()).isEqualTo(ProtocolSession.State.CLOSED);
      session.endOfStream(CONTROL_PLANE);
      assertThat(rejected(AGENT, new HeartbeatFrame(1)).code())
          .isEqualTo(ProtocolErrorCode.OUT_OF_ORDER);
    }

    @Test
    void aSecondHelloIsOutOfOrder() throws Exception {
      open();

      assertThat(rejected(AGENT, hello()).what()).contains("handshake");
    }

    @Test
    void theAgentCannotSendAControlPlaneFrame() throws Exception {
      session.accept(AGENT, hello());

      ProtocolException e = rejected(AGENT, welcome());

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.OUT_OF_ORDER);
      assertThat(e.what()).contains("only from the control plane");
    }

    @Test
    void theControlPlaneCannotSendHello() {
      assertThat(rejected(CONTROL_PLANE, hello()).what()).contains("only from the agent");
    }
  }

  @Nested
  class Generations {
    @Test
    void deltasKeepARequestOutstandingAndTheResultEndsIt() throws Exception {
      open();
      session.accept(AGENT, new GenerateFrame("g-1", Fixtures.generationRequest()));
      session.accept(CONTROL_PLANE, new GenerationDeltaFrame("g-1", Fixtures.delta("a")));

      assertThat(session.outstandingRequests()).containsExactly("g-1");
      session.accept(
          CONTROL_PLANE, new GenerationResultFrame("g-1", Fixtures.generationResponse()));
      assertThat(session.outstandingRequests()).isEmpty();
    }

    @Test
    void aReplyToARequestNeverMadeIsUnknownRequest() throws Exception {
      open();

      ProtocolException e =
          rejected(CONTROL_PLANE, new GenerationDeltaFrame("g-9", Fixtures.delta("a")));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.UNKNOWN_REQUEST);
      assertThat(e.what()).contains("g-9", "never requested");
    }

    @Test
    void aSecondAnswerToTheSameRequestIsUnknownRequest() throws Exception {
      open();
      session.accept(AGENT, new GenerateFrame("g-1", Fixtures.generationRequest()));
      session.accept(CONTROL_PLANE, new GenerationErrorFrame("g-1", Fixtures.error()));

      ProtocolException e =
          rejected(CONTROL_PLANE, new GenerationResultFrame("g-1", Fixtures.generationResponse()));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.UNKNOWN_REQUEST);
      assertThat(e.what()).contains("already answered");
    }

    @Test
    void reusingARequestIdIsADuplicateRequest() throws Exception {
      open();
      session.accept(AGENT, new GenerateFrame("g-1", Fixtures.generationRequest()));
      session.accept(CONTROL_PLANE, new GenerationErrorFrame("g-1", Fixtures.error()));

      ProtocolException e = rejected(AGENT, new GenerateFrame("g-1", Fixtures.generationRequest()));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.DUPLICATE_REQUEST);
    }

    @Test
    void severalRequestsMayBeOutstandingAtOnce() throws Exception {
      open();
      session.accept(AGENT, new GenerateFrame("g-1", Fixtures.generationRequest()));
      session.accept(AGENT, new GenerateFrame("g-2", Fixtures.generationRequest()));
      session.accept(
          CONTROL_PLANE, new GenerationResultFrame("g-2", Fixtures.generationResponse()));

      assertThat(session.outstandingRequests()).containsExactly("g-1");
    }
  }

  @Nested
  class StepsAndJob {
    @Test
    void stepsMayRepeatOrRiseWithinARun() throws Exception {
      open();
      session.accept(AGENT, event("r", 1));
      session.accept(AGENT, event("r", 1));
      session.accept(AGENT, event("r", 3));

      assertThat(session.state()).isEqualTo(ProtocolSession.State.OPEN);
    }

    @Test
    void aStepGoingDownWithinARunIsAStepRegression() throws Exception {
      open();
      session.accept(AGENT, event("r", 4));

      ProtocolException e = rejected(AGENT, event("r", 3));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.STEP_REGRESSION);
      assertThat(e.what()).contains("step 3 after step 4");
    }

    @Test
    void parallelRunsKeepTheirOwnSteps() throws Exception {
      open();
      session.accept(AGENT, event("delegate-a", 5));
      session.accept(AGENT, event("delegate-b", 2));

      assertThat(session.state()).isEqualTo(ProtocolSession.State.OPEN);
    }

    @Test
    void aCheckpointGoingBackAStepIsAStepRegression() throws Exception {
      open();
      session.accept(AGENT, checkpoint(5));

      assertThat(rejected(AGENT, checkpoint(4)).code())
          .isEqualTo(ProtocolErrorCode.STEP_REGRESSION);
    }

    @Test
    void anEventOfAnotherJobIsWrongJob() throws Exception {
      open();

      ProtocolException e =
          rejected(AGENT, new EventFrame(new SkillDisconnected("e", 1, "job-2", "r", "github")));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.WRONG_JOB);
      assertThat(e.what()).contains("job-2", Fixtures.JOB);
    }

    @Test
    void aCheckpointOfAnotherJobIsWrongJob() throws Exception {
      open();
      Checkpoint other = Fixtures.checkpoint(1);
      Checkpoint foreign =
          new Checkpoint(
              other.id(),
              "job-2",
              other.runId(),
              CheckpointStatus.PROCEEDING,
              1,
              other.messages(),
              other.expert(),
              Optional.empty(),
              Optional.empty(),
              other.usage(),
              OptionalLong.empty(),
              other.contextWindowUsage(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              other.retryCount());

      assertThat(rejected(AGENT, new CheckpointFrame(foreign)).code())
          .isEqualTo(ProtocolErrorCode.WRONG_JOB);
    }
  }

  @Nested
  class Closing {
    @Test
    void nothingMayFollowTheSendersClose() throws Exception {
      open();
      session.accept(AGENT, new CloseFrame("completed"));

      ProtocolException e = rejected(AGENT, event(Fixtures.RUN, 1));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.OUT_OF_ORDER);
      assertThat(e.what()).contains("after the session closed");
    }

    @Test
    void theOtherEndMayStillAnswerAfterOneEndClosed() throws Exception {
      open();
      session.accept(AGENT, new GenerateFrame("g-1", Fixtures.generationRequest()));
      session.accept(AGENT, new CloseFrame("cancelled"));

      session.accept(CONTROL_PLANE, new GenerationErrorFrame("g-1", Fixtures.error()));
      session.accept(CONTROL_PLANE, new CloseFrame("bye"));

      assertThat(session.state()).isEqualTo(ProtocolSession.State.CLOSED);
    }

    @Test
    void aStreamEndingWithoutCloseIsConnectionLostAndNamesOutstandingRequests() throws Exception {
      open();
      session.accept(AGENT, new GenerateFrame("g-1", Fixtures.generationRequest()));

      Throwable thrown = catchThrowable(() -> session.endOfStream(AGENT));

      assertThat(thrown)
          .isInstanceOfSatisfying(
              ProtocolException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ProtocolErrorCode.CONNECTION_LOST);
                assertThat(e.what()).contains("g-1");
              });
    }

    @Test
    void aStreamEndingAfterItsCloseIsClean() throws Exception {
      open();
      session.accept(AGENT, new CloseFrame("completed"));

      session.endOfStream(AGENT);

      assertThat(session.closedBy(AGENT)).isTrue();
      assertThat(session.closedBy(CONTROL_PLANE)).isFalse();
    }

    @Test
    void cancelIsRecordedAndTheAgentMayStillReportBeforeClosing() throws Exception {
      open();
      session.accept(CONTROL_PLANE, new CancelFrame("user stopped the job"));
      session.accept(AGENT, checkpoint(2));
      session.accept(AGENT, new CloseFrame("cancelled"));

      assertThat(session.cancelRequested()).isTrue();
    }
  }
}
