package dev.perstack.agent.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.RuntimeEvents;
import dev.perstack.agent.skill.RuntimeEvents.Durations;
import dev.perstack.agent.skill.Skill;
import dev.perstack.agent.skill.SkillException;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.job.McpSseSkillSpec;
import dev.perstack.protocol.message.ToolResultContent;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A remote MCP server reached over HTTP: the streamable HTTP transport first, then, when the server
 * does not speak it, the legacy SSE transport (the TypeScript SDK's recommended fallback; the
 * original spoke only SSE, which servers are dropping).
 */
public final class McpSseSkillClient implements Skill {
  private static final JacksonMcpJsonMapper MCP_JSON = new JacksonMcpJsonMapper(ToolResults.JSON);

  /** Which endpoint addresses a client accepts. */
  public enum AddressPolicy {
    /** Only https endpoints whose host resolves to public addresses only. The one for jobs. */
    PUBLIC_ONLY,
    /**
     * Any address and plain http too. For tests that run a server on localhost only: it turns the
     * DNS-rebinding guard off.
     */
    ALLOW_PRIVATE_FOR_TESTS
  }

  /** The transport a connected client ended up using. */
  public enum Transport {
    STREAMABLE_HTTP,
    SSE
  }

  private final String name;
  private final URI endpoint;
  private final RuntimeEvents events;
  private final McpClientOptions options;
  private final AddressPolicy policy;
  private final CompletableFuture<String> lost = new CompletableFuture<>();

  private final StartOnce<Started> started;

  /** A client for a job's skill: public https endpoints only. */
  public McpSseSkillClient(McpSseSkillSpec spec, RuntimeEvents events, McpClientOptions options) {
    this(spec.name(), URI.create(spec.endpoint()), events, options, AddressPolicy.PUBLIC_ONLY);
  }

  /**
   * A client with an explicit address policy; only tests pass {@link
   * AddressPolicy#ALLOW_PRIVATE_FOR_TESTS}.
   */
  public McpSseSkillClient(
      String name,
      URI endpoint,
      RuntimeEvents events,
      McpClientOptions options,
      AddressPolicy policy) {
    if (policy == AddressPolicy.PUBLIC_ONLY && !"https".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("skill " + name + " endpoint must be https: " + endpoint);
    }
    this.name = name;
    this.started = new StartOnce<>(name);
    this.endpoint = endpoint;
    this.events = events;
    this.options = options;
    this.policy = policy;
  }

  @Override
  public String name() {
    return name;
  }

  /** The transport in use, once started. */
  public Optional<Transport> transport() {
    return started.current().map(Started::transport);
  }

  @Override
  public void start() throws SkillException {
    ensureStarted();
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
      guard();
    } catch (SkillException e) {
      throw new ToolCallException(e.getMessage(), e);
    }
    return current.connection().call(toolName, arguments);
  }

  @Override
  public void close() {
    lost.complete("was closed");
    started
        .close()
        .ifPresent(
            current -> {
              current.connection().close(options.closeTimeout());
              events.skillDisconnected(name);
            });
  }

  private Started ensureStarted() throws SkillException {
    return started.get(this::connect);
  }

  private Started connect() throws SkillException {
    long begin = System.nanoTime();
    guard();
    McpConnection connection = open(Transport.STREAMABLE_HTTP);
    Transport kind = Transport.STREAMABLE_HTTP;
    long handshakeBegin = System.nanoTime();
    InitializeResult init;
    try {
      init = connection.initialize();
    } catch (SkillException streamableFailure) {
      connection.abort();
      connection = open(Transport.SSE);
      kind = Transport.SSE;
      handshakeBegin = System.nanoTime();
      try {
        init = connection.initialize();
      } catch (SkillException sseFailure) {
        connection.abort();
        throw new SkillException(
            name,
            "cannot connect to "
                + endpoint
                + " over streamable HTTP ("
                + streamableFailure.getMessage()
                + ") nor over SSE ("
                + sseFailure.getMessage()
                + ")");
      }
    }
    long handshakeMs = millisSince(handshakeBegin);
    try {
      long discoveryBegin = System.nanoTime();
      List<ToolDefinition> tools = connection.listTools();
      long discoveryMs = millisSince(discoveryBegin);
      Optional<Implementation> server = Optional.ofNullable(init.serverInfo());
      events.skillConnected(
          name,
          server.map(Implementation::name),
          server.map(Implementation::version),
          new Durations(
              OptionalLong.empty(),
              OptionalLong.of(handshakeMs),
              OptionalLong.of(discoveryMs),
              OptionalLong.of(handshakeMs),
              OptionalLong.of(millisSince(begin))));
      return new Started(connection, tools, kind);
    } catch (SkillException e) {
      connection.abort();
      throw e;
    }
  }

  private McpConnection open(Transport kind) {
    String base = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
    String path =
        endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty()
            ? "/"
            : endpoint.getRawPath();
    if (endpoint.getRawQuery() != null) {
      path = path + "?" + endpoint.getRawQuery();
    }
    Consumer<HttpClient.Builder> client =
        builder -> {
          builder.connectTimeout(options.startTimeout());
          if ("http".equals(endpoint.getScheme())) {
            // The JDK offers plain-http servers an h2c upgrade that simple servers answer badly.
            builder.version(HttpClient.Version.HTTP_1_1);
          }
        };
    McpClientTransport transport =
        kind == Transport.STREAMABLE_HTTP
            ? HttpClientStreamableHttpTransport.builder(base)
                .endpoint(path)
                .jsonMapper(MCP_JSON)
                .customizeClient(client)
                .build()
            : HttpClientSseClientTransport.builder(base)
                .sseEndpoint(path)
                .jsonMapper(MCP_JSON)
                .customizeClient(client)
                .build();
    // Lost when the skill is closed, or when this transport cannot connect.
    CompletableFuture<String> connectionLost = new CompletableFuture<>();
    lost.thenAccept(connectionLost::complete);
    return new McpConnection(
        name, new WatchedTransport(transport, connectionLost), options, connectionLost, () -> "");
  }

  private void guard() throws SkillException {
    if (policy == AddressPolicy.PUBLIC_ONLY) {
      EndpointGuard.requirePublic(name, endpoint);
    }
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  private record Started(
      McpConnection connection, List<ToolDefinition> tools, Transport transport) {}
}
