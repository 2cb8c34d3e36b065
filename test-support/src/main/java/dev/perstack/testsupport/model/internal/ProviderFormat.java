package dev.perstack.testsupport.model.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.testsupport.model.Answer;
import dev.perstack.testsupport.model.RecordedRequest;
import dev.perstack.testsupport.model.WireFormat;
import java.util.List;
import java.util.OptionalLong;

/** Renders provider-neutral replies in one provider's wire format. */
sealed interface ProviderFormat permits OpenAiChatFormat, AnthropicMessagesFormat, GeminiFormat {

  WireFormat wireFormat();

  /** Whether {@code request} asked for a streamed answer. */
  boolean streams(RecordedRequest request);

  /** How the stream for {@code request} is framed. */
  Framing framing(RecordedRequest request);

  /** The whole answer as one JSON body. */
  ObjectNode message(Answer answer, RecordedRequest request);

  /** The whole answer as stream events, ending with the format's terminator if it has one. */
  List<StreamEvent> events(Answer answer, RecordedRequest request);

  /** The provider's error body for an HTTP {@code status}. */
  ObjectNode error(int status, String message, OptionalLong retryAfterSeconds);
}
