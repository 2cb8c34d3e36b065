package dev.perstack.protocol.checkpoint;

import dev.perstack.protocol.internal.Require;
import java.util.OptionalInt;

/**
 * An error as Perstack records it: on a checkpoint, a {@code stopRunByError} event, or a failed
 * generation.
 *
 * @param name the error's class, such as {@code APICallError}
 * @param statusCode the HTTP status from the provider, when there was one
 * @param isRetryable whether trying again may succeed
 */
public record RunError(String name, String message, OptionalInt statusCode, boolean isRetryable) {
  public RunError {
    Require.id(name, "name");
    Require.present(message, "message");
    Require.nonNegative(statusCode, "statusCode");
  }
}
