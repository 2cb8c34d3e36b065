package dev.perstack.testsupport.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.testsupport.model.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** One piece of a scripted answer: visible text, a tool call or thinking. */
public sealed interface Part {

  /** Visible text; may be empty, to script an empty answer. */
  record Text(String text) implements Part {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A call of tool {@code name} with {@code arguments}, a JSON object as text: Anthropic and Gemini
   * send arguments as objects, so malformed JSON could not be rendered for them.
   */
  record ToolCall(String id, String name, String arguments) implements Part {
    public ToolCall {
      requireNonBlank(id, "id");
      requireNonBlank(name, "name");
      Objects.requireNonNull(arguments, "arguments");
      JsonNode parsed = Json.parseOrMissing(arguments);
      if (!parsed.isObject()) {
        throw new IllegalArgumentException(
            "tool call arguments must be a JSON object, got: " + arguments);
      }
    }
  }

  /**
   * Reasoning the model shows as thinking; {@code signature} is what Anthropic (and Gemini, as
   * {@code thoughtSignature}) hands back so a client can return the thinking later.
   */
  record Thinking(String text, String signature) implements Part {
    /** Base64, because Gemini clients decode {@code thoughtSignature} as bytes. */
    public static final String DEFAULT_SIGNATURE =
        Base64.getEncoder()
            .encodeToString("scripted-thinking-signature".getBytes(StandardCharsets.UTF_8));

    public Thinking {
      Objects.requireNonNull(text, "text");
      requireNonBlank(signature, "signature");
    }
  }

  private static void requireNonBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
