package dev.perstack.agent;

import dev.perstack.agent.connection.ControlPlaneConnection;
import dev.perstack.agent.loop.JobOutcome;
import dev.perstack.agent.loop.JobRunner;
import dev.perstack.agent.mcp.McpClientOptions;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.event.InitializeRuntime;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.listing.ToolListingRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The sandbox agent's entry point: connects to the control plane named by its environment, runs the
 * job it is given and exits with a code that says how the job ended ({@link AgentExit}).
 *
 * <p>Environment: {@code PERSTACK_SOCKET} (a Unix socket path) or {@code PERSTACK_CONTROL_PLANE}
 * ({@code host:port}, for runtimes without a shared socket), {@code PERSTACK_JOB_TOKEN} (one-time),
 * {@code PERSTACK_WORKSPACE} (default {@code /workspace}) and {@code PERSTACK_RUNTIME} (reported in
 * {@code initializeRuntime}). With {@code PERSTACK_MODE=list-tools} it runs no job but lists the
 * tools of the skills in {@code PERSTACK_TOOL_LISTING} ({@link ToolListingMode}).
 */
public final class AgentMain {
  static final String VERSION = "0.1.0";

  private AgentMain() {}

  public static void main(String[] args) {
    System.exit(run(System.getenv()).code());
  }

  /** Runs one job as the environment describes it (or lists tools, in the listing mode). */
  public static AgentExit run(Map<String, String> env) {
    if (ToolListingRequest.MODE.equals(env.get("PERSTACK_MODE"))) {
      return ToolListingMode.run(env, System.out, System.err);
    }
    Optional<SocketAddress> address = address(env);
    String token = env.get("PERSTACK_JOB_TOKEN");
    if (address.isEmpty() || token == null || token.isBlank()) {
      System.err.println(
          "perstack-agent: set PERSTACK_SOCKET (or PERSTACK_CONTROL_PLANE=host:port) and"
              + " PERSTACK_JOB_TOKEN; the control plane's runtime sets both");
      return AgentExit.MISCONFIGURED;
    }
    ControlPlaneConnection connection;
    try {
      connection = ControlPlaneConnection.open(address.get(), token);
    } catch (IOException | ProtocolException e) {
      System.err.println("perstack-agent: not admitted by the control plane: " + e.getMessage());
      return AgentExit.NOT_ADMITTED;
    }
    Path workspace = Path.of(env.getOrDefault("PERSTACK_WORKSPACE", "/workspace"));
    return runJob(connection, workspace, env);
  }

  private static AgentExit runJob(
      ControlPlaneConnection connection, Path workspace, Map<String, String> env) {
    JobSpec spec = connection.jobSpec();
    String runId = spec.runId().orElseGet(() -> UUID.randomUUID().toString());
    JobSpec job = withRunId(spec, runId);
    Thread jobThread = Thread.currentThread();
    connection.onCancel(jobThread::interrupt);
    connection.startHeartbeat(Duration.ofSeconds(5));
    ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());
    RuntimeEventEmitter runtimeEvents =
        new RuntimeEventEmitter(connection, System::currentTimeMillis, job.jobId(), runId);
    try (AgentSkills skills =
        new AgentSkills(workspace, job.env(), env, runtimeEvents, McpClientOptions.DEFAULTS)) {
      connection.event(initializeRuntime(job, runId, env));
      JobOutcome outcome =
          new JobRunner(
                  job,
                  connection,
                  skills,
                  connection,
                  pool,
                  System::currentTimeMillis,
                  workspace.toString())
              .run();
      connection.close(outcome.status().wireName());
      return exitFor(outcome.status());
    } catch (InterruptedException e) {
      boolean lost = connection.closedBecause().isPresent();
      connection.close(lost ? "connection lost" : "cancelled");
      return lost ? AgentExit.CONNECTION_LOST : AgentExit.CANCELLED;
    } catch (UncheckedIOException | IllegalStateException e) {
      System.err.println("perstack-agent: " + e.getMessage());
      connection.close("agent failure");
      return AgentExit.CONNECTION_LOST;
    } finally {
      connection.onCancel(() -> {});
      pool.shutdownNow();
      // A cancel that raced the end of the job must not leak into the caller's thread.
      Thread.interrupted();
    }
  }

  private static AgentExit exitFor(JobOutcome.Status status) {
    return switch (status) {
      case COMPLETED -> AgentExit.COMPLETED;
      case STOPPED_BY_MAX_STEPS -> AgentExit.STOPPED_BY_MAX_STEPS;
      case STOPPED_BY_INTERACTIVE_TOOL -> AgentExit.STOPPED_BY_INTERACTIVE_TOOL;
      case STOPPED_BY_ERROR -> AgentExit.STOPPED_BY_ERROR;
    };
  }

  private static InitializeRuntime initializeRuntime(
      JobSpec job, String runId, Map<String, String> env) {
    return new InitializeRuntime(
        UUID.randomUUID().toString(),
        System.currentTimeMillis(),
        job.jobId(),
        runId,
        VERSION,
        Optional.ofNullable(env.get("PERSTACK_RUNTIME")),
        job.expertKey(),
        List.copyOf(job.experts().keySet()),
        job.model(),
        OptionalInt.of(job.limits().maxSteps()),
        job.limits().maxRetries(),
        job.limits().timeoutMillis(),
        job.query(),
        job.interactiveToolAnswer()
            .map(
                a ->
                    new InitializeRuntime.InteractiveToolCall(
                        a.toolName(), a.toolCallId(), a.text())));
  }

  private static JobSpec withRunId(JobSpec spec, String runId) {
    return new JobSpec(
        spec.jobId(),
        Optional.of(runId),
        spec.expertKey(),
        spec.experts(),
        spec.model(),
        spec.reasoningBudget(),
        spec.query(),
        spec.checkpoint(),
        spec.interactiveToolAnswer(),
        spec.limits(),
        spec.env());
  }

  private static Optional<SocketAddress> address(Map<String, String> env) {
    String socket = env.get("PERSTACK_SOCKET");
    if (socket != null && !socket.isBlank()) {
      return Optional.of(UnixDomainSocketAddress.of(socket));
    }
    String hostPort = env.get("PERSTACK_CONTROL_PLANE");
    if (hostPort != null && hostPort.lastIndexOf(':') > 0) {
      int colon = hostPort.lastIndexOf(':');
      try {
        return Optional.of(
            new InetSocketAddress(
                hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "perstack-agent-worker");
      t.setDaemon(true);
      return t;
    };
  }
}
