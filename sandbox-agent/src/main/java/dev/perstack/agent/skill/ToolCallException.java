package dev.perstack.agent.skill;

/**
 * A tool call failed. The loop turns it into the tool result {@code Error calling tool X:
 * <message>}, so the message must tell the model what went wrong and, where it can, what to do
 * instead.
 */
public class ToolCallException extends Exception {
  private static final long serialVersionUID = 1L;

  public ToolCallException(String message) {
    super(message);
  }

  public ToolCallException(String message, Throwable cause) {
    super(message, cause);
  }
}
