package dev.perstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.controlplane.jobs.EventJson;
import dev.perstack.controlplane.jobs.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventPrinterTest {
  private static StoredEvent event(int n) {
    return new StoredEvent("job-p", n, "skillStderr", n, "{\"n\":" + n + "}");
  }

  @Test
  void printsEveryEventOnALineOfItsOwnInOrderBeforeTheJobCountsAsPrinted() throws Exception {
    StringWriter text = new StringWriter();
    EventPrinter printer = new EventPrinter(new PrintWriter(text));

    IntStream.rangeClosed(1, 500).forEach(n -> printer.event(event(n)));
    printer.finished(null); // the printer does not read the job's record
    printer.awaitPrinted();

    assertThat(text.toString().lines())
        .hasSize(500)
        .startsWith("{\"n\":1}", "{\"n\":2}")
        .endsWith("{\"n\":500}");
  }

  @Test
  void aStalledOutputDoesNotHoldUpTheJobThatPublishes() throws Exception {
    CountDownLatch stalled = new CountDownLatch(1);
    StringWriter text = new StringWriter();
    Writer slow =
        new Writer() {
          @Override
          public void write(char[] chars, int off, int len) {
            try {
              stalled.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            text.write(chars, off, len);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    EventPrinter printer = new EventPrinter(new PrintWriter(slow));

    CompletableFuture<Void> published =
        CompletableFuture.runAsync(
            () -> IntStream.rangeClosed(1, 100).forEach(n -> printer.event(event(n))));

    published.get(10, TimeUnit.SECONDS);
    assertThat(text.toString()).isEmpty();
    stalled.countDown();
    printer.finished(null);
    printer.awaitPrinted();
    assertThat(text.toString().lines()).hasSize(100).endsWith("{\"n\":100}");
  }

  @Test
  void onStandardOutputPrintsUtf8BytesWhateverTheLocaleAndJoinsLazyJsonThere() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EventPrinter printer = new EventPrinter(new Utf8Stdout(bytes));
    AtomicInteger joined = new AtomicInteger();
    printer.event(
        new StoredEvent(
            "job-p",
            1,
            "startRun",
            1,
            EventJson.lazy(
                () -> {
                  joined.incrementAndGet();
                  return "{\"query\":\"caf\u00e9 \u65e5\u672c \ud83d\ude00\"}";
                })));
    printer.event(event(2));
    printer.finished(null);
    printer.awaitPrinted();

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("{\"query\":\"caf\u00e9 \u65e5\u672c \ud83d\ude00\"}", "{\"n\":2}");
    assertThat(joined).hasValue(1);
  }

  @Test
  void aClosedStandardOutputDropsTheRestWithoutHoldingUpTheJob() throws Exception {
    OutputStream closedPipe =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("Broken pipe");
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("Broken pipe");
          }
        };
    EventPrinter printer = new EventPrinter(new Utf8Stdout(closedPipe));

    // More than the printer lets wait: a printer that stopped taking them would block this.
    CompletableFuture<Void> published =
        CompletableFuture.runAsync(
            () -> IntStream.rangeClosed(1, 10_000).forEach(n -> printer.event(event(n))));
    published.get(10, TimeUnit.SECONDS);
    printer.finished(null);

    CompletableFuture<Void> awaited =
        CompletableFuture.runAsync(
            () -> {
              try {
                printer.awaitPrinted();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    awaited.get(3, TimeUnit.SECONDS);
  }
}
