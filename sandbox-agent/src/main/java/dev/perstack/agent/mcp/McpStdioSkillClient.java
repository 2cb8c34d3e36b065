package dev.perstack.agent.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.RuntimeEvents;
import dev.perstack.agent.skill.RuntimeEvents.Durations;
import dev.perstack.agent.skill.Skill;
import dev.perstack.agent.skill.SkillException;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import dev.perstack.protocol.message.ToolResultContent;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An MCP server the agent runs as a child process, speaking MCP over its standard streams.
 *
 * <p>The child's environment is cleared and holds exactly the allowed base variables plus the
 * skill's {@code requiredEnv}. When the child dies, every pending call fails at once and so does
 * every later call: the server is not restarted, because its tool list was already given to the
 * model and a server that crashed once on the job's input is likely to crash again.
 */
public final class McpStdioSkillClient implements Skill {
  private static final JacksonMcpJsonMapper MCP_JSON = new JacksonMcpJsonMapper(ToolResults.JSON);
  private static final int STDERR_TAIL_LINES = 20;

  private final McpStdioSkillSpec spec;
  private final StdioCommand command;
  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final RuntimeEvents events;
  private final McpClientOptions options;
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final AtomicBoolean disconnected = new AtomicBoolean();

  private final StartOnce<Started> started;
  private volatile Process process;

  /**
   * @param grantedEnv the job's env values; the skill gets those its {@code requiredEnv} names
   * @param baseEnv the agent's allowed base variables (see {@link SkillEnvironment#BASE_NAMES});
   *     any other variable in it is dropped
   * @param workingDirectory where the server runs: the workspace
   * @throws SkillException when a {@code requiredEnv} variable has no value or is protected
   */
  public McpStdioSkillClient(
      McpStdioSkillSpec spec,
      Map<String, String> grantedEnv,
      Map<String, String> baseEnv,
      Path workingDirectory,
      RuntimeEvents events,
      McpClientOptions options)
      throws SkillException {
    this.spec = spec;
    this.started = new StartOnce<>(spec.name());
    this.command = StdioCommand.of(spec);
    this.environment =
        Map.copyOf(SkillEnvironment.forSkill(spec.name(), spec.requiredEnv(), grantedEnv, baseEnv));
    this.workingDirectory = workingDirectory;
    this.events = events;
    this.options = options;
  }

  @Override
  public String name() {
    return spec.name();
  }

  /** The exact environment the server process gets. */
  public Map<String, String> environment() {
    return environment;
  }

  /** The command line the server is started with. */
  public StdioCommand command() {
    return command;
  }

  /** Whether the server process is running now. */
  public boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** Starts the server, unless the skill is {@code lazyInit}: then its first use starts it. */
  @Override
  public void start() throws SkillException {
    if (!spec.lazyInit()) {
      ensureStarted();
    }
  }

  @Override
  public List<ToolDefinition> tools() throws SkillException {
    return ensureStarted().tools();
  }

  @Override
  public List<ToolResultContent> call(String toolName, ObjectNode arguments)
      throws ToolCallException {
    Started current;
    try {
      current = ensureStarted();
    } catch (SkillException e) {
      throw new ToolCallException(e.getMessage(), e);
    }
    return current.connection().call(toolName, arguments);
  }

  @Override
  public void close() {
    // Refused first, so that a start about to spawn the server sees it and gives up.
    started.refuseStarts();
    Process spawned = process;
    if (spawned != null && started.current().isEmpty()) {
      // A start in progress holds the lock until its handshake times out; ending the process
      // makes it fail now.
      spawned.destroyForcibly();
    }
    started
        .close()
        .ifPresent(
            current -> {
              current.connection().close(options.closeTimeout().multipliedBy(3));
              current.transport().shutdown();
            });
    if (spawned != null || process != null) {
      disconnectOnce();
    }
  }

  private Started ensureStarted() throws SkillException {
    return started.get(this::connect);
  }

  private Started connect() throws SkillException {
    long begin = System.nanoTime();
    events.skillStarting(name(), command.command(), command.args());
    Process child = spawn();
    long spawnMs = millisSince(begin);
    ChildProcessTransport transport =
        new ChildProcessTransport(
            child, MCP_JSON, "mcp-" + name(), this::onStderr, options.closeTimeout());
    McpConnection connection =
        new McpConnection(name(), transport, options, lostWhenExited(child, transport), this::tail);
    try {
      long handshakeBegin = System.nanoTime();
      InitializeResult init = connection.initialize();
      long handshakeMs = millisSince(handshakeBegin);
      long discoveryBegin = System.nanoTime();
      List<ToolDefinition> tools = connection.listTools();
      long discoveryMs = millisSince(discoveryBegin);
      Optional<Implementation> server = Optional.ofNullable(init.serverInfo());
      events.skillConnected(
          name(),
          server.map(Implementation::name),
          server.map(Implementation::version),
          new Durations(
              OptionalLong.of(spawnMs),
              OptionalLong.of(handshakeMs),
              OptionalLong.of(discoveryMs),
              OptionalLong.of(spawnMs + handshakeMs),
              OptionalLong.of(millisSince(begin))));
      return new Started(connection, tools, transport);
    } catch (SkillException | RuntimeException e) {
      connection.abort();
      transport.shutdown();
      throw e;
    }
  }

  private Process spawn() throws SkillException {
    ProcessBuilder builder =
        new ProcessBuilder(command.commandLineResolvedIn(environment.get("PATH")))
            .directory(workingDirectory.toFile());
    // Cleared, not filtered: ProcessBuilder starts from the agent's whole environment.
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      Process child = builder.start();
      process = child;
      if (started.isClosed()) {
        child.destroyForcibly();
        throw new SkillException(name(), "was closed while starting");
      }
      return child;
    } catch (IOException e) {
      throw new SkillException(
          name(),
          "cannot start `"
              + String.join(" ", command.commandLine())
              + "` in "
              + workingDirectory
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Completes when the child has exited and its stdout is drained (so a response written just
   * before the exit still reaches its caller), or a second after the exit if a grandchild keeps
   * stdout open.
   */
  private CompletableFuture<String> lostWhenExited(Process child, ChildProcessTransport transport) {
    CompletableFuture<String> lost =
        child
            .onExit()
            .thenCompose(
                exited ->
                    transport.stdoutDone().copy().completeOnTimeout(null, 1, TimeUnit.SECONDS))
            .thenApply(drained -> "exited with code " + child.exitValue());
    lost.thenRun(
        () -> {
          if (!started.isClosed()) {
            disconnectOnce();
          }
        });
    return lost;
  }

  private void onStderr(String line) {
    synchronized (stderrTail) {
      if (stderrTail.size() == STDERR_TAIL_LINES) {
        stderrTail.removeFirst();
      }
      stderrTail.addLast(line);
    }
    events.skillStderr(name(), line);
  }

  /** The server's last stderr lines, for start failures: usually the reason it failed. */
  private String tail() {
    synchronized (stderrTail) {
      return stderrTail.isEmpty()
          ? ""
          : "; its last stderr lines: " + String.join(" | ", stderrTail);
    }
  }

  private void disconnectOnce() {
    if (disconnected.compareAndSet(false, true)) {
      events.skillDisconnected(name());
    }
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  private record Started(
      McpConnection connection, List<ToolDefinition> tools, ChildProcessTransport transport) {}
}
