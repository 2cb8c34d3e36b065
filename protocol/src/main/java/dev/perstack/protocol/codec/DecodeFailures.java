package dev.perstack.protocol.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Jackson's failures into protocol exceptions that name the field and say how to fix it. */
final class DecodeFailures {
  private static final Pattern MISSING =
      Pattern.compile("Missing required creator property '([^']+)'");

  private final SealedTypes types;

  DecodeFailures(SealedTypes types) {
    this.types = types;
  }

  ProtocolException translate(JacksonException e, String subject) {
    if (e instanceof ReferenceFailure reference) {
      return new ProtocolException(
          reference.code(),
          subject + ": " + reference.getOriginalMessage(),
          path(reference),
          reference.fix(),
          e);
    }
    if (e instanceof InvalidTypeIdException typeId) {
      return unknownType(typeId, subject);
    }
    if (e instanceof InvalidNullException nulls) {
      return new ProtocolException(
          ProtocolErrorCode.INVALID_FIELD,
          subject + " field '" + nulls.getPropertyName().getSimpleName() + "' is null",
          path(nulls),
          "leave an optional field out instead of sending null, and give required fields a value",
          e);
    }
    if (e instanceof ValueInstantiationException invalid) {
      Throwable cause = invalid.getCause() == null ? invalid : invalid.getCause();
      return new ProtocolException(
          ProtocolErrorCode.INVALID_FIELD,
          subject + " has an invalid value: " + cause.getMessage(),
          path(invalid),
          "send values that satisfy the rules in docs/protocol.md",
          e);
    }
    if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
      return malformed(e, subject);
    }
    if (e instanceof JsonMappingException mapping) {
      Matcher missing = MISSING.matcher(String.valueOf(mapping.getOriginalMessage()));
      if (missing.find()) {
        String field = missing.group(1);
        return new ProtocolException(
            ProtocolErrorCode.MISSING_FIELD,
            subject + " lacks the required field '" + field + "'",
            join(path(mapping), field),
            "add '" + field + "'; docs/protocol.md lists the required fields of every type",
            e);
      }
      return new ProtocolException(
          ProtocolErrorCode.INVALID_FIELD,
          subject
              + " has a value of the wrong JSON type: "
              + firstLine(mapping.getOriginalMessage()),
          path(mapping),
          "send each field with the JSON type docs/protocol.md gives it",
          e);
    }
    return malformed(e, subject);
  }

  ProtocolException malformed(JacksonException e, String subject) {
    String where = null;
    if (e instanceof StreamReadException read && read.getLocation() != null) {
      JsonLocation at = read.getLocation();
      where = "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
    return new ProtocolException(
        ProtocolErrorCode.MALFORMED,
        subject + " is not valid JSON: " + firstLine(e.getOriginalMessage()),
        where,
        "send exactly one JSON object, encoded as UTF-8",
        e);
  }

  private ProtocolException unknownType(InvalidTypeIdException e, String subject) {
    Class<?> base = e.getBaseType() == null ? Object.class : e.getBaseType().getRawClass();
    List<String> allowed = types.namesUnder(base);
    if (e.getTypeId() == null) {
      return new ProtocolException(
          ProtocolErrorCode.MISSING_FIELD,
          subject + " lacks the required field 'type'",
          join(path(e), "type"),
          "add \"type\" with one of " + allowed,
          e);
    }
    return new ProtocolException(
        ProtocolErrorCode.UNKNOWN_TYPE,
        subject + " has type '" + e.getTypeId() + "', which is not allowed here",
        path(e),
        "use one of " + allowed,
        e);
  }

  /** A JSON path such as {@code $.checkpoint.messages[2]}. */
  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder("$");
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        out.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String join(String path, String field) {
    return path.endsWith("." + field) ? path : path + "." + field;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
