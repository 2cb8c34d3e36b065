package dev.perstack.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.perstack.protocol.generation.ReasoningBudget;
import java.io.IOException;

/** A reasoning budget is a JSON string naming a level or a JSON integer counting tokens. */
final class ReasoningBudgetJson {
  private ReasoningBudgetJson() {}

  static final class Serializer extends StdSerializer<ReasoningBudget> {
    private static final long serialVersionUID = 1L;

    Serializer() {
      super(ReasoningBudget.class);
    }

    @Override
    public void serialize(ReasoningBudget value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value instanceof ReasoningBudget.Level level) {
        gen.writeString(level.name().word());
      } else {
        gen.writeNumber(((ReasoningBudget.Tokens) value).count());
      }
    }
  }

  static final class Deserializer extends StdDeserializer<ReasoningBudget> {
    private static final long serialVersionUID = 1L;

    Deserializer() {
      super(ReasoningBudget.class);
    }

    @Override
    public ReasoningBudget deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonToken token = parser.currentToken();
      try {
        if (token == JsonToken.VALUE_STRING) {
          return new ReasoningBudget.Level(ReasoningBudget.LevelName.fromWord(parser.getText()));
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
          return new ReasoningBudget.Tokens(parser.getLongValue());
        }
      } catch (IllegalArgumentException e) {
        return context.reportInputMismatch(this, e.getMessage());
      }
      return (ReasoningBudget)
          context.handleUnexpectedToken(
              ReasoningBudget.class,
              token,
              parser,
              "reasoning budget must be none, minimal, low, medium, high or a token count");
    }
  }
}
