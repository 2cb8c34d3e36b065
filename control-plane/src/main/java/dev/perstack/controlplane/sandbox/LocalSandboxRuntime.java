package dev.perstack.controlplane.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs the agent as a child process of the control plane: no container, no isolation. For
 * development and hosts without a container engine; every start says so loudly.
 */
public final class LocalSandboxRuntime implements SandboxRuntime {
  private static final Logger LOG = Logger.getLogger(LocalSandboxRuntime.class.getName());
  static final String WARNING =
      "runtime `local` runs the expert with NO isolation: it can read and write everything this"
          + " user can, and reach the network. Use `docker` for anything you do not fully trust.";

  private final String javaCommand;
  private final String classpath;

  public LocalSandboxRuntime() {
    this(Path.of(System.getProperty("java.home"), "bin", "java").toString(), AgentClasspath.find());
  }

  LocalSandboxRuntime(String javaCommand, String classpath) {
    this.javaCommand = javaCommand;
    this.classpath = classpath;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public SandboxHandle start(SandboxRequest request) throws SandboxException {
    LOG.warning(WARNING);
    if (!java.nio.file.Files.isDirectory(request.workspace())) {
      // The process would fail to start in it, with a message that blames the java command.
      throw new SandboxException(
          "the workspace "
              + request.workspace()
              + " of job "
              + request.jobId()
              + " is not a directory; create it or pass an existing one");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                javaCommand,
                "-XX:+UseSerialGC",
                // C1 only, one compiler thread: as in the sandbox image (AgentLayout).
                "-XX:TieredStopAtLevel=1",
                "-XX:CICompilerCount=1",
                "-Xss512k",
                "-Xmx96m"));
    // Extra options for the agent's JVM, for benchmarks and diagnosis (bench/control-plane.sh).
    String extra = System.getProperty("perstack.agent.jvmOptions", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-cp", classpath, "dev.perstack.agent.AgentMain"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(request.workspace().toFile());
    Map<String, String> env = builder.environment();
    String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    // Only what the agent needs: never the control plane's provider keys.
    env.clear();
    env.put("PATH", path);
    env.put("HOME", System.getProperty("java.io.tmpdir"));
    env.put("PERSTACK_SOCKET", request.socketDirectory().resolve("agent.sock").toString());
    env.put("PERSTACK_JOB_TOKEN", request.jobToken());
    env.put("PERSTACK_WORKSPACE", request.workspace().toString());
    env.put("PERSTACK_RUNTIME", name());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(request.logFile().toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SandboxException(
          "cannot start the local agent ("
              + e.getMessage()
              + "); check that "
              + javaCommand
              + " exists",
          e);
    }
    return new LocalHandle(process);
  }

  private record LocalHandle(Process process) implements SandboxHandle {
    @Override
    public CompletableFuture<Integer> exit() {
      return process.onExit().thenApply(Process::exitValue);
    }

    @Override
    public void stop(Duration grace) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }

    @Override
    public Optional<String> image() {
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "local process " + process.pid();
    }
  }
}
