package dev.perstack.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import dev.perstack.protocol.message.Message;
import java.io.IOException;
import java.util.List;

/**
 * Writes a message list: when an event is encoded without its conversations, a list under {@code
 * messages} as an empty array whose place is noted; in a frame encoded with references on, each run
 * of messages its direction carried together before becomes one {@code
 * {"type":"messageRef","id":LAST,"count":N}} and only the rest is written in full; without
 * references, exactly as protocol version 1.
 */
final class MessageListSerializer extends JsonSerializer<Object>
    implements ContextualSerializer, ResolvableSerializer {
  static final String REF_TYPE = "messageRef";

  private final JsonSerializer<Object> delegate;

  MessageListSerializer(JsonSerializer<Object> delegate) {
    this.delegate = delegate;
  }

  @Override
  public void serialize(Object value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    ConversationCuts cuts = (ConversationCuts) provider.getAttribute(ConversationCuts.class);
    if (cuts != null && ConversationCuts.KEY.equals(gen.getOutputContext().getCurrentName())) {
      gen.writeStartArray();
      gen.flush();
      cuts.offsets.add(cuts.out.getBuffer().length());
      gen.writeEndArray();
      return;
    }
    WireReferences.Draft refs = (WireReferences.Draft) provider.getAttribute(WireReferences.class);
    if (refs == null) {
      delegate.serialize(value, gen, provider);
      return;
    }
    @SuppressWarnings("unchecked")
    List<? extends Message> messages = (List<? extends Message>) value;
    gen.writeStartArray(value);
    for (Object part : refs.plan(messages)) {
      if (part instanceof WireReferences.Run run) {
        gen.writeStartObject();
        gen.writeStringField("type", REF_TYPE);
        gen.writeStringField("id", run.lastId());
        if (run.count() > 1) {
          gen.writeNumberField("count", run.count());
        }
        gen.writeEndObject();
      } else {
        provider
            .findTypedValueSerializer(part.getClass(), true, null)
            .serialize(part, gen, provider);
      }
    }
    gen.writeEndArray();
    refs.carried(messages);
  }

  @Override
  public boolean isEmpty(SerializerProvider provider, Object value) {
    return delegate.isEmpty(provider, value);
  }

  @Override
  public Class<Object> handledType() {
    return delegate.handledType();
  }

  @Override
  public void resolve(SerializerProvider provider) throws JsonMappingException {
    if (delegate instanceof ResolvableSerializer resolvable) {
      resolvable.resolve(provider);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
      throws JsonMappingException {
    if (delegate instanceof ContextualSerializer contextual) {
      JsonSerializer<?> created = contextual.createContextual(provider, property);
      if (created != delegate) {
        return new MessageListSerializer((JsonSerializer<Object>) created);
      }
    }
    return this;
  }
}
