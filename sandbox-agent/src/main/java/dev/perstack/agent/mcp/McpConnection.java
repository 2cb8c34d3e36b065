package dev.perstack.agent.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.SkillException;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.ToolResultContent;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One MCP client session, with every request raced against the loss of the server.
 *
 * <p>The SDK leaves a request pending until its timeout when the server goes away; here a request
 * fails as soon as {@code lost} completes.
 */
final class McpConnection {
  /** Listing stops here, so that a server answering with cursors forever cannot hang the start. */
  private static final int MAX_TOOL_PAGES = 100;

  private final String skillName;
  private final McpAsyncClient client;
  private final McpClientOptions options;
  private final CompletableFuture<String> lost;
  private final Supplier<String> diagnostics;

  /**
   * @param lost completes with why the server is gone, such as {@code exited with code 3}
   * @param diagnostics text appended to start failures, such as the server's last stderr lines
   */
  McpConnection(
      String skillName,
      McpClientTransport transport,
      McpClientOptions options,
      CompletableFuture<String> lost,
      Supplier<String> diagnostics) {
    this.skillName = skillName;
    this.options = options;
    this.lost = lost;
    this.diagnostics = diagnostics;
    this.client =
        McpClient.async(transport)
            // The original's client name, so servers that log their clients see the same.
            .clientInfo(new McpSchema.Implementation(skillName + "-mcp-client", "1.0.0"))
            .capabilities(McpSchema.ClientCapabilities.builder().build())
            // Our own deadlines below come first and give the better message; the SDK's is only
            // there to drop the request from its table.
            .requestTimeout(options.callTimeout().plusSeconds(5))
            .initializationTimeout(options.startTimeout().plusSeconds(5))
            .build();
  }

  InitializeResult initialize() throws SkillException {
    return startStep("initialize", client.initialize().toFuture());
  }

  List<ToolDefinition> listTools() throws SkillException {
    List<ToolDefinition> tools = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_TOOL_PAGES; page++) {
      ListToolsResult result = startStep("tools/list", client.listTools(cursor).toFuture());
      result.tools().forEach(tool -> tools.add(ToolResults.definition(tool)));
      cursor = result.nextCursor();
      if (cursor == null || cursor.isEmpty()) {
        break;
      }
    }
    return List.copyOf(tools);
  }

  List<ToolResultContent> call(String toolName, ObjectNode arguments) throws ToolCallException {
    if (lost.isDone()) {
      throw new ToolCallException(
          "the MCP server "
              + skillName
              + " is no longer running (it "
              + lost.join()
              + "); its tools cannot be used in this job");
    }
    CompletableFuture<CallToolResult> request =
        client.callTool(new CallToolRequest(toolName, ToolResults.arguments(arguments))).toFuture();
    CallToolResult result;
    try {
      result = await(request, options.callTimeout());
    } catch (Lost e) {
      throw new ToolCallException(
          "the MCP server "
              + skillName
              + " "
              + e.getMessage()
              + " while "
              + toolName
              + " was running");
    } catch (TimeoutException e) {
      throw new ToolCallException(
          "the MCP server "
              + skillName
              + " did not answer "
              + toolName
              + " within "
              + seconds(options.callTimeout()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolCallException("the call of " + toolName + " was interrupted");
    } catch (ExecutionException e) {
      throw new ToolCallException(message(e.getCause()), e.getCause());
    }
    return ToolResults.parts(toolName, arguments, result);
  }

  /** Drops the session at once, for a connection that failed to start. */
  void abort() {
    client.close();
  }

  /** Closes the session and, through the transport, the server; waits at most {@code timeout}. */
  void close(Duration timeout) {
    ChildProcessTransport.awaitQuietly(client.closeGracefully().toFuture(), timeout);
    client.close();
  }

  private <T> T startStep(String step, CompletableFuture<T> request) throws SkillException {
    try {
      return await(request, options.startTimeout());
    } catch (Lost e) {
      throw new SkillException(
          skillName, "the MCP server " + e.getMessage() + " during " + step + diagnostics.get());
    } catch (TimeoutException e) {
      throw new SkillException(
          skillName,
          "the MCP server did not answer "
              + step
              + " within "
              + seconds(options.startTimeout())
              + diagnostics.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SkillException(skillName, "interrupted during " + step);
    } catch (ExecutionException e) {
      throw new SkillException(
          skillName, step + " failed: " + message(e.getCause()) + diagnostics.get(), e.getCause());
    }
  }

  /**
   * The request's result, unless the server is lost first or the timeout passes. A response that
   * arrived before the loss still wins: the loss is only reported once stdout has been drained.
   */
  private <T> T await(CompletableFuture<T> request, Duration timeout)
      throws Lost, TimeoutException, InterruptedException, ExecutionException {
    try {
      CompletableFuture.anyOf(request, lost).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // The request failed; looked at below.
    } catch (TimeoutException | InterruptedException e) {
      request.cancel(true);
      throw e;
    }
    if (request.isDone()) {
      if (request.isCompletedExceptionally() && !(cause(request) instanceof McpError)) {
        // A write to a dead server fails a moment before its exit is noticed: say why it failed.
        ChildProcessTransport.awaitQuietly(lost, Duration.ofMillis(250));
        if (lost.isDone()) {
          throw new Lost(lost.join());
        }
      }
      return request.get();
    }
    request.cancel(true);
    throw new Lost(lost.join());
  }

  private static Throwable cause(CompletableFuture<?> failed) {
    try {
      failed.join();
      return null;
    } catch (CompletionException e) {
      return e.getCause();
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static String message(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    String text = t.getMessage();
    return text == null || text.isBlank() ? t.getClass().getSimpleName() : text;
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /** The server went away; the message says how, such as {@code exited with code 3}. */
  private static final class Lost extends Exception {
    private static final long serialVersionUID = 1L;

    Lost(String how) {
      super(how, null, false, false);
    }
  }
}
