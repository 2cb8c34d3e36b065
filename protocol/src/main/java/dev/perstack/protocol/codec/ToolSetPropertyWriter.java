package dev.perstack.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import dev.perstack.protocol.generation.GenerationRequest;
import java.util.Optional;

/**
 * Writes a generation request's {@code tools}: in a frame encoded with references on, tools already
 * carried become {@code "toolSet": id} alone, and new tools are written in full with a fresh {@code
 * toolSet} id; without references, in full as in protocol version 1.
 */
final class ToolSetPropertyWriter extends BeanPropertyWriter {
  private static final long serialVersionUID = 1L;
  static final String FIELD = "toolSet";

  ToolSetPropertyWriter(BeanPropertyWriter tools) {
    super(tools);
  }

  @Override
  public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider)
      throws Exception {
    WireReferences.Draft refs = (WireReferences.Draft) provider.getAttribute(WireReferences.class);
    GenerationRequest request = (GenerationRequest) bean;
    if (refs == null || request.tools().isEmpty()) {
      super.serializeAsField(bean, gen, provider);
      return;
    }
    Optional<String> known = refs.toolSetId(request.tools());
    if (known.isPresent()) {
      gen.writeStringField(FIELD, known.get());
      return;
    }
    Optional<String> fresh = refs.newToolSetId(request.tools());
    super.serializeAsField(bean, gen, provider);
    if (fresh.isPresent()) {
      gen.writeStringField(FIELD, fresh.get());
    }
  }
}
