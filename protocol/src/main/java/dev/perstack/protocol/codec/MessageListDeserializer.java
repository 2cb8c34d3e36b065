package dev.perstack.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.message.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a message list that may hold {@code messageRef}s: in a frame read with references on, each
 * becomes the run of messages its direction last carried ending with that id (each validated when
 * it arrived in full); the list is then noted for later references. Without references a {@code
 * messageRef} is an unknown type, as in protocol version 1.
 */
final class MessageListDeserializer extends DelegatingDeserializer {
  private static final long serialVersionUID = 1L;

  private final JavaType elementType;
  private final SealedTypes types;

  MessageListDeserializer(JsonDeserializer<?> delegate, JavaType elementType, SealedTypes types) {
    super(delegate);
    this.elementType = elementType;
    this.types = types;
  }

  @Override
  protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
    return new MessageListDeserializer(newDelegatee, elementType, types);
  }

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    WireReferences.Draft refs = (WireReferences.Draft) ctxt.getAttribute(WireReferences.class);
    if (refs == null || !p.isExpectedStartArrayToken()) {
      return super.deserialize(p, ctxt);
    }
    List<Message> messages = new ArrayList<>();
    int index = 0;
    for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
      try {
        JsonNode node = ctxt.readTree(p);
        if (node.isObject()
            && MessageListSerializer.REF_TYPE.equals(node.path("type").textValue())) {
          messages.addAll(expand(p, node, refs));
        } else {
          messages.add((Message) ctxt.readTreeAsValue(node, elementType));
        }
      } catch (JsonMappingException e) {
        throw JsonMappingException.wrapWithPath(e, messages, index);
      }
      index++;
    }
    refs.carried(messages);
    return messages;
  }

  private List<Message> expand(JsonParser p, JsonNode ref, WireReferences.Draft refs)
      throws ReferenceFailure {
    JsonNode id = ref.get("id");
    if (id == null || id.isNull()) {
      throw failure(
          p, ProtocolErrorCode.MISSING_FIELD, "a messageRef lacks the required field 'id'");
    }
    if (!id.isTextual() || id.textValue().isEmpty() || id.textValue().length() > 255) {
      throw failure(
          p,
          ProtocolErrorCode.INVALID_FIELD,
          "a messageRef's id must be a string of 1 to 255 characters");
    }
    JsonNode countNode = ref.get("count");
    int count = 1;
    if (countNode != null && !countNode.isNull()) {
      if (!countNode.isIntegralNumber()
          || !countNode.canConvertToInt()
          || countNode.intValue() < 1) {
        throw failure(
            p,
            ProtocolErrorCode.INVALID_FIELD,
            "a messageRef's count must be an integer of at least 1");
      }
      count = countNode.intValue();
    }
    Optional<List<Message>> run = refs.expand(id.textValue(), count);
    if (run.isEmpty()) {
      int known = refs.longestRun(id.textValue());
      throw failure(
          p,
          ProtocolErrorCode.INVALID_FIELD,
          known == 0
              ? "a messageRef names message '"
                  + id.textValue()
                  + "', which was not carried earlier on this connection"
              : "a messageRef asks for "
                  + count
                  + " messages ending with '"
                  + id.textValue()
                  + "', but only "
                  + known
                  + " were carried together ending with it");
    }
    for (Message message : run.get()) {
      if (!elementType.getRawClass().isInstance(message)) {
        throw new ReferenceFailure(
            p,
            ProtocolErrorCode.UNKNOWN_TYPE,
            "a messageRef stands for message '"
                + message.id()
                + "', a "
                + message.type()
                + ", which is not allowed here",
            "refer only to messages of a kind allowed at that place: "
                + types.namesUnder(elementType.getRawClass()));
      }
    }
    return run.get();
  }

  private static ReferenceFailure failure(JsonParser p, ProtocolErrorCode code, String what) {
    return new ReferenceFailure(
        p,
        code,
        what,
        "send a message in full once before referring to it, and refer only to runs of messages"
            + " carried together; references never cross connections or directions");
  }
}
