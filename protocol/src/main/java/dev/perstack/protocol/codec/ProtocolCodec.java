package dev.perstack.protocol.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.AnnotationIntrospectorPair;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.job.SkillSpec;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.MessagePart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Encodes and decodes the protocol's records as JSON in Perstack's shapes: one object per event or
 * frame, with {@code type} and every field at the top level, optional fields left out when absent.
 * Decoding failures are {@link ProtocolException}s that name the field. Thread-safe.
 */
public final class ProtocolCodec {
  private static final List<Class<?>> FAMILIES =
      List.of(PerstackEvent.class, Frame.class, Message.class, MessagePart.class, SkillSpec.class);

  private final ObjectMapper mapper;
  private final ObjectReader eventReader;
  private final ObjectReader frameReader;
  private final ObjectWriter frameWriter;
  private final ObjectWriter eventWriter;
  private final ObjectWriter requestWriter;
  private final SealedTypes types;
  private final DecodeFailures failures;

  private ProtocolCodec() {
    this.types = new SealedTypes(FAMILIES);
    this.failures = new DecodeFailures(types);
    this.mapper = buildMapper(types);
    this.eventReader = mapper.readerFor(PerstackEvent.class);
    this.frameReader = mapper.readerFor(Frame.class);
    this.frameWriter = mapper.writerFor(Frame.class);
    this.eventWriter = mapper.writerFor(PerstackEvent.class);
    this.requestWriter = mapper.writerFor(GenerationRequest.class);
  }

  /** A codec; create one and share it. */
  public static ProtocolCodec create() {
    return new ProtocolCodec();
  }

  /** The wire names of the records under a sealed family, such as {@code RuntimeEvent.class}. */
  public List<String> typeNames(Class<?> family) {
    return types.namesUnder(family);
  }

  /** One event as a single line of JSON without the line break, as {@code perstack run} prints. */
  public String encodeEvent(PerstackEvent event) {
    return encode(Objects.requireNonNull(event, "event"));
  }

  /**
   * One event's JSON with its conversations (the message lists under {@code messages}) left empty,
   * and where they go; for stores that keep each message once.
   */
  public JsonWithoutConversations encodeEventWithoutConversations(PerstackEvent event) {
    return withoutConversations(eventWriter, Objects.requireNonNull(event, "event"));
  }

  /**
   * A generation request's JSON with its conversation left empty, and where it goes; for stores
   * that keep each message once.
   */
  public JsonWithoutConversations encodeRequestWithoutConversations(GenerationRequest request) {
    return withoutConversations(requestWriter, Objects.requireNonNull(request, "request"));
  }

  private static JsonWithoutConversations withoutConversations(ObjectWriter writer, Object value) {
    ConversationCuts cuts = new ConversationCuts();
    try {
      writer.withAttribute(ConversationCuts.class, cuts).writeValue(cuts.out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot encode " + value.getClass().getSimpleName() + " without its conversations", e);
    }
    return new JsonWithoutConversations(cuts.out.toString(), cuts.offsets);
  }

  /** One event from a line of JSON. */
  public PerstackEvent decodeEvent(String json) throws ProtocolException {
    Objects.requireNonNull(json, "json");
    try {
      return present(eventReader.readValue(json), "event");
    } catch (JacksonException e) {
      throw failures.translate(e, "event");
    }
  }

  /** A frame's body: UTF-8 JSON without the length prefix. */
  public byte[] encodeFrame(Frame frame) {
    Objects.requireNonNull(frame, "frame");
    try {
      return mapper.writeValueAsBytes(frame);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + frame.type() + " frame", e);
    }
  }

  /**
   * A frame's body in which messages and tools its direction already carried are references
   * (protocol version 2); {@code sent} notes what this frame carries in full. Commit the draft once
   * the frame is written.
   */
  public byte[] encodeFrame(Frame frame, WireReferences.Draft sent) {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(sent, "sent");
    try {
      return frameWriter.withAttribute(WireReferences.class, sent).writeValueAsBytes(frame);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + frame.type() + " frame", e);
    }
  }

  /** A frame from its body. */
  public Frame decodeFrame(byte[] body) throws ProtocolException {
    return decodeFrame(body, frameReader);
  }

  /**
   * A frame from a body that may refer to messages and tools its direction carried earlier
   * (protocol version 2); {@code received} resolves them and notes what this frame carries in full.
   * Commit the draft once the frame is accepted.
   */
  public Frame decodeFrame(byte[] body, WireReferences.Draft received) throws ProtocolException {
    Objects.requireNonNull(received, "received");
    return decodeFrame(body, frameReader.withAttribute(WireReferences.class, received));
  }

  private Frame decodeFrame(byte[] body, ObjectReader reader) throws ProtocolException {
    Objects.requireNonNull(body, "body");
    try {
      return present(reader.readValue(body), "frame");
    } catch (JacksonException e) {
      throw failures.translate(e, "frame");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Any of the protocol's records, such as a checkpoint or a job spec, as compact JSON. */
  public String encode(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  /** Any of the protocol's records from JSON. */
  public <T> T decode(String json, Class<T> type) throws ProtocolException {
    Objects.requireNonNull(json, "json");
    String subject = type.getSimpleName();
    try {
      return present(mapper.readValue(json, type), subject);
    } catch (JacksonException e) {
      throw failures.translate(e, subject);
    }
  }

  /** A value to JSON tree, for callers that embed protocol records in other JSON. */
  public JsonNode toTree(Object value) {
    return mapper.valueToTree(value);
  }

  private static <T> T present(T value, String subject) throws ProtocolException {
    if (value == null) {
      throw new ProtocolException(
          ProtocolErrorCode.MALFORMED,
          subject + " is JSON null, not an object",
          null,
          "send exactly one JSON object");
    }
    return value;
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  private interface TypedByName {}

  private static ObjectMapper buildMapper(SealedTypes types) {
    SimpleModule module = new SimpleModule("perstack-protocol");
    module.addSerializer(ReasoningBudget.class, new ReasoningBudgetJson.Serializer());
    module.addDeserializer(ReasoningBudget.class, new ReasoningBudgetJson.Deserializer());
    types.interfaces().forEach(family -> module.setMixInAnnotation(family, TypedByName.class));
    types.names().forEach((type, name) -> module.registerSubtypes(new NamedType(type, name)));
    module.setSerializerModifier(WireReferenceModifiers.serializers());
    module.setDeserializerModifier(WireReferenceModifiers.deserializers(types));

    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(module)
            .annotationIntrospector(
                AnnotationIntrospectorPair.pair(
                    new JacksonAnnotationIntrospector(), new RequiredRecordComponents()))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .build();
    return mapper;
  }
}
