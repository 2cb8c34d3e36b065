package dev.perstack.protocol.codec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.type.CollectionType;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.message.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Hooks the reference-aware readers and writers into the codec's mapper: every message list, and a
 * generation request's tools. They act only when a frame is encoded or decoded with {@link
 * WireReferences} attached; otherwise the output is exactly that of protocol version 1.
 */
final class WireReferenceModifiers {
  private WireReferenceModifiers() {}

  static BeanSerializerModifier serializers() {
    return new BeanSerializerModifier() {
      @Override
      public List<BeanPropertyWriter> changeProperties(
          SerializationConfig config, BeanDescription desc, List<BeanPropertyWriter> properties) {
        if (desc.getBeanClass() != GenerationRequest.class) {
          return properties;
        }
        List<BeanPropertyWriter> changed = new ArrayList<>(properties.size());
        for (BeanPropertyWriter property : properties) {
          changed.add(
              property.getName().equals("tools") ? new ToolSetPropertyWriter(property) : property);
        }
        return changed;
      }

      @Override
      @SuppressWarnings("unchecked")
      public JsonSerializer<?> modifyCollectionSerializer(
          SerializationConfig config,
          CollectionType type,
          BeanDescription desc,
          JsonSerializer<?> serializer) {
        if (Message.class.isAssignableFrom(type.getContentType().getRawClass())) {
          return new MessageListSerializer((JsonSerializer<Object>) serializer);
        }
        return serializer;
      }
    };
  }

  static BeanDeserializerModifier deserializers(SealedTypes types) {
    return new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(
          DeserializationConfig config, BeanDescription desc, JsonDeserializer<?> deserializer) {
        if (desc.getBeanClass() == GenerationRequest.class) {
          return new ToolSetRequestDeserializer(deserializer);
        }
        return deserializer;
      }

      @Override
      public JsonDeserializer<?> modifyCollectionDeserializer(
          DeserializationConfig config,
          CollectionType type,
          BeanDescription desc,
          JsonDeserializer<?> deserializer) {
        if (Message.class.isAssignableFrom(type.getContentType().getRawClass())) {
          return new MessageListDeserializer(deserializer, type.getContentType(), types);
        }
        return deserializer;
      }
    };
  }
}
