package dev.perstack.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ChildProcessTransportTest {

  static BufferedReader reader(String text) {
    return new BufferedReader(new StringReader(text));
  }

  @Test
  void readsLinesWithEitherLineBreakAndALastLineWithoutOne() throws IOException {
    BufferedReader in = reader("one\r\ntwo\nthree");

    assertThat(ChildProcessTransport.readLine(in, 10, false)).isEqualTo("one");
    assertThat(ChildProcessTransport.readLine(in, 10, false)).isEqualTo("two");
    assertThat(ChildProcessTransport.readLine(in, 10, false)).isEqualTo("three");
    assertThat(ChildProcessTransport.readLine(in, 10, false)).isNull();
  }

  @Test
  void cutsALongLineAndGoesOnWithTheNext() throws IOException {
    BufferedReader in = reader("abcdefghij\nnext\n");

    assertThat(ChildProcessTransport.readLine(in, 4, true)).isEqualTo("abcd [cut]");
    assertThat(ChildProcessTransport.readLine(in, 4, true)).isEqualTo("next");
  }

  @Test
  void refusesAnOverlongMessage() {
    assertThatThrownBy(() -> ChildProcessTransport.readLine(reader("abcdefghij\n"), 4, false))
        .isInstanceOf(ChildProcessTransport.LineTooLong.class)
        .hasMessage("4 characters");
  }
}
