package dev.perstack.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.perstack.protocol.Fixtures;
import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.frame.CheckpointFrame;
import dev.perstack.protocol.frame.CloseFrame;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.frame.HeartbeatFrame;
import dev.perstack.protocol.frame.HelloFrame;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FramingTest {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private static final int MAX = Framing.DEFAULT_MAX_FRAME_BYTES;

  @Nested
  class RoundTrip {
    @Test
    void framesWrittenToAPipeAreReadBackInOrderThenTheStreamEndsCleanly() throws Exception {
      PipedInputStream in = new PipedInputStream(64 * 1024);
      PipedOutputStream out = new PipedOutputStream(in);
      List<Frame> sent =
          List.of(
              new HelloFrame(1, "t".repeat(43)),
              new CheckpointFrame(Fixtures.fullCheckpoint()),
              new HeartbeatFrame(7),
              new CloseFrame("completed"));
      Thread writer =
          new Thread(
              () -> {
                try (out) {
                  FrameWriter frames = FrameWriter.of(out, CODEC, MAX);
                  for (Frame frame : sent) {
                    frames.write(frame);
                  }
                } catch (IOException | ProtocolException e) {
                  throw new AssertionError(e);
                }
              });
      writer.start();

      FrameReader reader = FrameReader.of(in, CODEC, MAX);
      List<Frame> received = new ArrayList<>();
      for (Optional<Frame> next = reader.read(); next.isPresent(); next = reader.read()) {
        received.add(next.get());
      }
      writer.join();

      assertThat(received).isEqualTo(sent);
      assertThat(reader.framesRead()).isEqualTo(4);
      assertThat(reader.read()).isEmpty();
    }

    @Test
    void aFrameIsABigEndianLengthThenUtf8Json() throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      FrameWriter.of(out, CODEC, MAX).write(new CloseFrame("déjà fini"));

      byte[] bytes = out.toByteArray();
      byte[] body =
          "{\"type\":\"close\",\"reason\":\"déjà fini\"}".getBytes(StandardCharsets.UTF_8);
      assertThat(ByteBuffer.wrap(bytes, 0, 4).getInt()).isEqualTo(body.length);
      assertThat(Arrays.copyOfRange(bytes, 4, bytes.length)).isEqualTo(body);
    }

    @Test
    void anEmptyStreamEndsCleanlyAtOnce() throws Exception {
      FrameReader reader = FrameReader.of(new ByteArrayInputStream(new byte[0]), CODEC, MAX);

      assertThat(reader.read()).isEmpty();
    }
  }

  @Nested
  class Limits {
    @Test
    void anOversizedLengthIsRefusedBeforeAnyBufferIsAllocated() {
      AtomicInteger allocations = new AtomicInteger();
      byte[] prefix = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
      ByteArrayInputStream in = new ByteArrayInputStream(concat(prefix, "{}".getBytes()));
      FrameReader reader =
          new FrameReader(
              Channels.newChannel(in),
              CODEC,
              MAX,
              size -> {
                allocations.incrementAndGet();
                return ByteBuffer.allocate(size);
              });

      ProtocolException e = failure(reader);

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.FRAME_TOO_LARGE);
      assertThat(e.what()).contains("4294967295").contains(String.valueOf(MAX));
      assertThat(allocations).hasValue(0);
      assertThat(in.available()).as("the body is left unread").isEqualTo(2);
    }

    @Test
    void aLengthOneByteOverTheConfiguredLimitIsRefused() throws Exception {
      byte[] body = CODEC.encodeFrame(new CloseFrame("completed"));
      FrameReader reader =
          FrameReader.of(new ByteArrayInputStream(framed(body)), CODEC, body.length - 1);

      assertThat(failure(reader).code()).isEqualTo(ProtocolErrorCode.FRAME_TOO_LARGE);
    }

    @Test
    void aLengthExactlyAtTheLimitIsRead() throws Exception {
      byte[] body = CODEC.encodeFrame(new CloseFrame("completed"));
      FrameReader reader =
          FrameReader.of(new ByteArrayInputStream(framed(body)), CODEC, body.length);

      assertThat(reader.read()).contains(new CloseFrame("completed"));
    }

    @Test
    void theWriterRefusesAnOversizedFrameAndWritesNothing() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FrameWriter writer = FrameWriter.of(out, CODEC, 1024);

      Throwable thrown =
          catchThrowable(() -> writer.write(new CheckpointFrame(Fixtures.fullCheckpoint())));

      assertThat(thrown)
          .isInstanceOfSatisfying(
              ProtocolException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ProtocolErrorCode.FRAME_TOO_LARGE);
                assertThat(e.what()).contains("checkpoint frame").contains("1024");
              });
      assertThat(out.size()).isZero();
    }

    @Test
    void afterAFramingErrorEveryReadFails() {
      byte[] prefix = {0x7F, 0, 0, 0};
      FrameReader reader = FrameReader.of(new ByteArrayInputStream(prefix), CODEC, MAX);
      failure(reader);

      ProtocolException again = failure(reader);

      assertThat(again.code()).isEqualTo(ProtocolErrorCode.FRAME_TOO_LARGE);
      assertThat(again.what()).contains("out of sync");
    }
  }

  @Nested
  class BrokenStreams {
    @Test
    void aStreamEndingInsideTheLengthPrefixIsTruncated() {
      FrameReader reader = FrameReader.of(new ByteArrayInputStream(new byte[] {0, 0}), CODEC, MAX);

      ProtocolException e = failure(reader);

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.TRUNCATED);
      assertThat(e.what()).contains("2 of the 4 bytes");
    }

    @Test
    void aStreamEndingInsideTheBodyIsTruncated() throws Exception {
      byte[] whole = framed(CODEC.encodeFrame(new CloseFrame("completed")));
      byte[] cut = Arrays.copyOf(whole, whole.length - 3);
      FrameReader reader = FrameReader.of(new ByteArrayInputStream(cut), CODEC, MAX);

      ProtocolException e = failure(reader);

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.TRUNCATED);
      assertThat(e.where()).contains("frame 1");
    }

    @Test
    void aBodyThatIsNotJsonIsMalformedAndNamesTheFrame() throws Exception {
      byte[] good = framed(CODEC.encodeFrame(new HeartbeatFrame(1)));
      byte[] bad = framed("{\"type\":\"heartbeat\",".getBytes(StandardCharsets.UTF_8));
      FrameReader reader = FrameReader.of(new ByteArrayInputStream(concat(good, bad)), CODEC, MAX);
      reader.read();

      ProtocolException e = failure(reader);

      assertThat(e.code()).isEqualTo(ProtocolErrorCode.MALFORMED);
      assertThat(e.where()).hasValueSatisfying(w -> assertThat(w).startsWith("frame 2"));
    }

    @Test
    void aMalformedBodyLeavesTheStreamInSyncForTheNextFrame() throws Exception {
      byte[] bad = framed("not json".getBytes(StandardCharsets.UTF_8));
      byte[] good = framed(CODEC.encodeFrame(new HeartbeatFrame(2)));
      FrameReader reader = FrameReader.of(new ByteArrayInputStream(concat(bad, good)), CODEC, MAX);
      failure(reader);

      assertThat(reader.read()).contains(new HeartbeatFrame(2));
    }

    @Test
    void anEmptyBodyIsMalformed() {
      FrameReader reader =
          FrameReader.of(new ByteArrayInputStream(new byte[] {0, 0, 0, 0}), CODEC, MAX);

      assertThat(failure(reader).code()).isEqualTo(ProtocolErrorCode.MALFORMED);
    }
  }

  static ProtocolException failure(FrameReader reader) {
    Throwable thrown = catchThrowable(reader::read);
    assertThat(thrown).isInstanceOf(ProtocolException.class);
    return (ProtocolException) thrown;
  }

  static byte[] framed(byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
