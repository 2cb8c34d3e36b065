package dev.perstack.image.internal;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs commands connected by pipes ({@code a | b}), reading each one's stderr line by line and the
 * last one's stdout; kills the whole pipeline (with descendants) on timeout or interrupt.
 */
public final class CommandPipeline {
  private static final int TAIL_LINES = 30;
  private static final int MAX_STDOUT = 1 << 20;

  /** One command of the pipeline and what to do with each line of its stderr. */
  public record Step(List<String> command, Consumer<String> stderrLines) {
    public Step {
      command = List.copyOf(command);
      Objects.requireNonNull(stderrLines, "stderrLines");
      if (command.isEmpty()) {
        throw new IllegalArgumentException("a command needs at least a program");
      }
    }

    /** The command as a shell would show it. */
    public String commandLine() {
      return ShellWords.join(command);
    }
  }

  /**
   * How the pipeline ended: each step's exit code and last stderr lines, the last step's stdout.
   */
  public record Outcome(List<Integer> exitCodes, List<List<String>> stderrTails, String stdout) {
    public Outcome {
      exitCodes = List.copyOf(exitCodes);
      stderrTails = List.copyOf(stderrTails);
      Objects.requireNonNull(stdout, "stdout");
    }

    /** The index of the first step that failed, or -1 when all exited with 0. */
    public int firstFailure() {
      for (int i = 0; i < exitCodes.size(); i++) {
        if (exitCodes.get(i) != 0) {
          return i;
        }
      }
      return -1;
    }
  }

  /** Thrown when the pipeline did not end within its time. */
  public static final class TimedOut extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<List<String>> stderrTails;

    TimedOut(Duration timeout, List<List<String>> stderrTails) {
      super("did not end within " + timeout.toSeconds() + " s");
      this.stderrTails = List.copyOf(stderrTails);
    }

    /** Each step's last stderr lines. */
    public List<List<String>> stderrTails() {
      return stderrTails;
    }
  }

  private CommandPipeline() {}

  /**
   * Runs the steps; the first one reads nothing on stdin.
   *
   * @throws IOException when a program cannot be started (usually: it is not installed)
   */
  public static Outcome run(List<Step> steps, Duration timeout)
      throws IOException, InterruptedException, TimedOut {
    List<ProcessBuilder> builders = new ArrayList<>();
    for (Step step : steps) {
      builders.add(new ProcessBuilder(step.command()));
    }
    List<Process> processes = ProcessBuilder.startPipeline(builders);
    List<OutputTail> tails = new ArrayList<>();
    List<Thread> readers = new ArrayList<>();
    try {
      processes.get(0).getOutputStream().close();
      for (int i = 0; i < steps.size(); i++) {
        OutputTail tail = new OutputTail(TAIL_LINES);
        tails.add(tail);
        Consumer<String> handler = steps.get(i).stderrLines();
        readers.add(
            reader(
                "stderr-" + i,
                processes.get(i).getErrorStream(),
                line -> {
                  tail.add(line);
                  handler.accept(line);
                }));
      }
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      Process last = processes.get(processes.size() - 1);
      readers.add(bytesReader(last.getInputStream(), stdout));
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Process p : processes) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
          destroy(processes);
          throw new TimedOut(timeout, tailsOf(tails));
        }
      }
      for (Thread t : readers) {
        t.join(TimeUnit.SECONDS.toMillis(10));
      }
      List<Integer> codes = processes.stream().map(Process::exitValue).toList();
      String out;
      synchronized (stdout) {
        out = stdout.toString(StandardCharsets.UTF_8);
      }
      return new Outcome(codes, tailsOf(tails), out);
    } catch (InterruptedException e) {
      destroy(processes);
      throw e;
    } finally {
      if (processes.stream().anyMatch(Process::isAlive)) {
        destroy(processes);
      }
    }
  }

  private static List<List<String>> tailsOf(List<OutputTail> tails) {
    return tails.stream().map(OutputTail::lines).toList();
  }

  private static void destroy(List<Process> processes) {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static Thread reader(String name, InputStream in, Consumer<String> lines) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  lines.accept(line);
                }
              } catch (IOException e) {
                // The process was killed; its last lines are already kept.
              }
            },
            "perstack-image-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static Thread bytesReader(InputStream in, ByteArrayOutputStream out) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                  synchronized (out) {
                    if (out.size() < MAX_STDOUT) {
                      out.write(buffer, 0, Math.min(n, MAX_STDOUT - out.size()));
                    }
                  }
                }
              } catch (IOException e) {
                // The process was killed; what it printed so far is kept.
              }
            },
            "perstack-image-stdout");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
