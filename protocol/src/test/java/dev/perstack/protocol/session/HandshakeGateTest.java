package dev.perstack.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.frame.HelloFrame;
import dev.perstack.protocol.frame.RefusedFrame;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HandshakeGateTest {
  private final JobToken token = JobToken.generate();
  private final HandshakeGate gate = new HandshakeGate("job-1", token);

  ProtocolException refused(HelloFrame hello) {
    Throwable thrown = catchThrowable(() -> gate.admit(hello));
    assertThat(thrown).isInstanceOf(ProtocolException.class);
    return (ProtocolException) thrown;
  }

  @Nested
  class Tokens {
    @Test
    void theRightTokenAdmitsTheAgentOnce() throws Exception {
      gate.admit(new HelloFrame(1, token.reveal()));

      assertThat(gate.used()).isTrue();
      ProtocolException second = refused(new HelloFrame(1, token.reveal()));
      assertThat(second.code()).isEqualTo(ProtocolErrorCode.BAD_TOKEN);
      assertThat(second.what()).contains("already used");
    }

    @Test
    void aWrongTokenIsABadTokenAndDoesNotUseItUp() throws Exception {
      ProtocolException e = refused(new HelloFrame(1, JobToken.generate().reveal()));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.BAD_TOKEN);
      assertThat(e.what()).contains("does not match");
      gate.admit(new HelloFrame(1, token.reveal()));
    }

    @Test
    void generatedTokensDifferAndNeverPrint() {
      JobToken other = JobToken.generate();

      assertThat(other.reveal()).isNotEqualTo(token.reveal()).hasSize(43);
      assertThat(token.toString()).doesNotContain(token.reveal());
    }

    @Test
    void aStoredTokenMatchesItsValue() {
      JobToken stored = JobToken.of(token.reveal());

      assertThat(stored.matches(token.reveal())).isTrue();
      assertThat(stored.matches(token.reveal() + "x")).isFalse();
      assertThat(stored.matches(null)).isFalse();
    }

    @Test
    void aShortStoredTokenIsRejected() {
      assertThatThrownBy(() -> JobToken.of("short")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Versions {
    @Test
    void anUnsupportedVersionIsAVersionMismatchBeforeTheTokenIsChecked() {
      ProtocolException e = refused(new HelloFrame(7, token.reveal()));

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.VERSION_MISMATCH);
      assertThat(e.what()).contains("7");
      assertThat(gate.used()).isFalse();
    }

    @Test
    void aGateMaySpeakSeveralVersions() throws Exception {
      HandshakeGate both = new HandshakeGate("job-1", token, Set.of(1, 2));

      both.admit(new HelloFrame(2, token.reveal()));

      assertThat(both.used()).isTrue();
    }
  }

  @Test
  void aRefusalCarriesTheFailuresCodeAndWhatButNoSecret() {
    ProtocolException e = refused(new HelloFrame(1, "wrong-token-wrong-token-wrong-token"));

    RefusedFrame refusal = HandshakeGate.refusal(e);

    assertThat(refusal.code()).isEqualTo(ProtocolErrorCode.BAD_TOKEN);
    assertThat(refusal.reason()).isEqualTo(e.what()).doesNotContain(token.reveal());
  }
}
