package dev.perstack.agent.base;

import static dev.perstack.agent.base.BaseSkillFixture.SECRET;
import static dev.perstack.agent.base.BaseSkillFixture.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolResultContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A concurrent writer swaps workspace entries for symbolic links that point out while the tools
 * run: no call may ever read or write the outside file (time-of-check/time-of-use).
 */
class SymlinkSwapRaceTest {
  private static final long RUN_MILLIS = 1500;

  @TempDir Path tempDir;
  BaseSkillFixture ws;

  @BeforeEach
  void setUp() {
    ws = new BaseSkillFixture(tempDir);
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  @Nested
  class FileSwappedForALink {
    @Test
    void noReadEverReturnsTheOutsideFile() throws Exception {
      Outcomes outcomes = race(this::swapFile, () -> read("target"));
      assertThat(outcomes.leaked).as("reads that returned the outside file").isZero();
      assertThat(outcomes.succeeded).as("reads that returned the inside file").isPositive();
    }

    @Test
    void noWriteEverReachesTheOutsideFile() throws Exception {
      Outcomes outcomes =
          race(
              this::swapFile,
              () -> {
                ws.call("writeTextFile", args("path", "target", "text", "written"));
                return "written";
              });
      assertThat(ws.secret).hasContent(SECRET);
      assertThat(outcomes.succeeded).isPositive();
    }

    private void swapFile() throws Exception {
      Path target = ws.root.resolve("target");
      Path link = ws.root.resolve(".link");
      Path file = ws.root.resolve(".file");
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, ws.secret);
      Files.move(link, target, StandardCopyOption.ATOMIC_MOVE);
      Files.writeString(file, "inside");
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  @Nested
  class DirectorySwappedForALink {
    @Test
    void noReadThroughTheDirectoryEverReturnsTheOutsideFile() throws Exception {
      Files.createDirectories(ws.root.resolve(".real"));
      Files.writeString(ws.root.resolve(".real/secret.txt"), "inside");
      Outcomes outcomes = race(this::swapDirectory, () -> read("d/secret.txt"));
      assertThat(outcomes.leaked).as("reads that returned the outside file").isZero();
      assertThat(outcomes.succeeded).as("reads that returned the inside file").isPositive();
    }

    // Every step is one rename or unlink, so "d" is in turn a real directory, absent, and a link
    // to the outside directory.
    private void swapDirectory() throws Exception {
      Path d = ws.root.resolve("d");
      Path real = ws.root.resolve(".real");
      Path link = ws.root.resolve(".link");
      Files.move(real, d, StandardCopyOption.ATOMIC_MOVE);
      Files.move(d, real, StandardCopyOption.ATOMIC_MOVE);
      Files.createSymbolicLink(link, ws.outside);
      Files.move(link, d, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(d);
    }
  }

  private String read(String path) throws ToolCallException {
    List<ToolResultContent> result = ws.call("readTextFile", args("path", path));
    return ((TextPart) result.get(0)).text();
  }

  /** Runs {@code swap} in a loop on one thread while calling {@code call} on this one. */
  private Outcomes race(Step swap, Call call) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> swapFailure = new AtomicReference<>();
    Thread swapper =
        new Thread(
            () -> {
              try {
                while (!stop.get()) {
                  swap.run();
                }
              } catch (Throwable t) {
                swapFailure.set(t);
              }
            });
    swapper.start();
    Outcomes outcomes = new Outcomes();
    long end = System.currentTimeMillis() + RUN_MILLIS;
    try {
      while (System.currentTimeMillis() < end) {
        try {
          String text = call.run();
          if (text.contains(SECRET)) {
            outcomes.leaked++;
          } else {
            outcomes.succeeded++;
          }
        } catch (ToolCallException e) {
          assertThat(e.getMessage()).doesNotContain(SECRET);
          outcomes.refused++;
        }
      }
    } finally {
      stop.set(true);
      swapper.join();
    }
    assertThat(swapFailure.get()).as("the swapping thread failed").isNull();
    System.err.println(
        "RACE " + outcomes.succeeded + " " + outcomes.refused + " " + outcomes.leaked);
    return outcomes;
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  @FunctionalInterface
  private interface Call {
    String run() throws ToolCallException;
  }

  private static final class Outcomes {
    int succeeded;
    int refused;
    int leaked;
  }
}
