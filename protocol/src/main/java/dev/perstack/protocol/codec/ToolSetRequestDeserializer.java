package dev.perstack.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.ToolDefinition;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads a generation request whose tools may be given by {@code toolSet}: with {@code tools} the id
 * names them for later requests; without, it stands for the tools last carried under that id on
 * this connection. Only in frames read with references on; otherwise {@code toolSet} is an unknown
 * field and ignored, as in protocol version 1.
 */
final class ToolSetRequestDeserializer extends DelegatingDeserializer {
  private static final long serialVersionUID = 1L;

  ToolSetRequestDeserializer(JsonDeserializer<?> delegate) {
    super(delegate);
  }

  @Override
  protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
    return new ToolSetRequestDeserializer(newDelegatee);
  }

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    WireReferences.Draft refs = (WireReferences.Draft) ctxt.getAttribute(WireReferences.class);
    if (refs == null) {
      return super.deserialize(p, ctxt);
    }
    JsonNode node = ctxt.readTree(p);
    JsonNode toolSet =
        node.isObject() ? ((ObjectNode) node).remove(ToolSetPropertyWriter.FIELD) : null;
    if (toolSet == null || toolSet.isNull()) {
      return read(p, ctxt, node);
    }
    if (!toolSet.isTextual()
        || toolSet.textValue().isEmpty()
        || toolSet.textValue().length() > 255) {
      throw atToolSet(
          p,
          ProtocolErrorCode.INVALID_FIELD,
          "a generation request's toolSet must be a string of 1 to 255 characters",
          "name a tool set with a short string id");
    }
    String id = toolSet.textValue();
    JsonNode tools = node.get("tools");
    if (tools != null && !tools.isNull()) {
      GenerationRequest request = read(p, ctxt, node);
      refs.carriedToolSet(id, request.tools());
      return request;
    }
    Optional<List<ToolDefinition>> known = refs.toolSet(id);
    if (known.isEmpty()) {
      throw atToolSet(
          p,
          ProtocolErrorCode.INVALID_FIELD,
          "a generation request names tool set '"
              + id
              + "', which was not sent with its tools earlier on this connection",
          "send the tools in full with a toolSet id once before referring to them");
    }
    ((ObjectNode) node).putArray("tools");
    GenerationRequest request = read(p, ctxt, node);
    return new GenerationRequest(
        request.expertKey(),
        request.messages(),
        known.get(),
        request.reasoningBudget(),
        request.maxTokens());
  }

  private static ReferenceFailure atToolSet(
      JsonParser p, ProtocolErrorCode code, String what, String fix) {
    ReferenceFailure failure = new ReferenceFailure(p, code, what, fix);
    failure.prependPath(GenerationRequest.class, ToolSetPropertyWriter.FIELD);
    return failure;
  }

  private GenerationRequest read(JsonParser p, DeserializationContext ctxt, JsonNode node)
      throws IOException {
    try (JsonParser tree = node.traverse(p.getCodec())) {
      tree.nextToken();
      return (GenerationRequest) super.deserialize(tree, ctxt);
    }
  }
}
