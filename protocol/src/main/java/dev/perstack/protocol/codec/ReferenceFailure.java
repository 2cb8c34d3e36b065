package dev.perstack.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.perstack.protocol.ProtocolErrorCode;

/**
 * A reference (a {@code messageRef} or a {@code toolSet}) that names nothing carried earlier on its
 * direction of the connection, or stands for something not allowed where it is. A Jackson
 * exception, so that the decoders around it add the JSON path on its way out.
 */
final class ReferenceFailure extends JsonMappingException {
  private static final long serialVersionUID = 1L;

  private final transient ProtocolErrorCode code;
  private final String fix;

  ReferenceFailure(JsonParser parser, ProtocolErrorCode code, String what, String fix) {
    super(parser, what);
    this.code = code;
    this.fix = fix;
  }

  ProtocolErrorCode code() {
    return code;
  }

  String fix() {
    return fix;
  }
}
