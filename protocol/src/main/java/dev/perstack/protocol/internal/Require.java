package dev.perstack.protocol.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Checks shared by the validating constructors of the protocol's records; not API. */
public final class Require {
  private Require() {}

  /** A present value. */
  public static <T> T present(T value, String field) {
    if (value == null) {
      throw new NullPointerException(field + " is required");
    }
    return value;
  }

  /** A present, non-empty identifier or name of at most {@code maxLength} characters. */
  public static String name(String value, String field, int maxLength) {
    present(value, field);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " must be at most " + maxLength + " characters, was " + value.length());
    }
    return value;
  }

  /** A present, non-empty identifier of at most 255 characters. */
  public static String id(String value, String field) {
    return name(value, field, 255);
  }

  /** A count that cannot be negative. */
  public static long nonNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value);
    }
    return value;
  }

  /** A count that cannot be negative. */
  public static int nonNegative(int value, String field) {
    return (int) nonNegative((long) value, field);
  }

  /** A count that must be at least one. */
  public static long positive(long value, String field) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, was " + value);
    }
    return value;
  }

  /** An optional count that cannot be negative when present. */
  public static OptionalLong nonNegative(OptionalLong value, String field) {
    present(value, field);
    value.ifPresent(v -> nonNegative(v, field));
    return value;
  }

  /** An optional count that cannot be negative when present. */
  public static OptionalInt nonNegative(OptionalInt value, String field) {
    present(value, field);
    value.ifPresent(v -> nonNegative(v, field));
    return value;
  }

  /** An immutable copy of a list without null elements. */
  public static <T> List<T> list(List<T> value, String field) {
    present(value, field);
    for (int i = 0; i < value.size(); i++) {
      if (value.get(i) == null) {
        throw new NullPointerException(field + "[" + i + "] is required");
      }
    }
    return List.copyOf(value);
  }

  /** An optional immutable list. */
  public static <T> Optional<List<T>> optionalList(Optional<List<T>> value, String field) {
    return present(value, field).map(v -> list(v, field));
  }

  /** An immutable, order-keeping copy of a map without null keys or values. */
  public static <K, V> Map<K, V> map(Map<K, V> value, String field) {
    present(value, field);
    Map<K, V> copy = new LinkedHashMap<>();
    value.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            throw new NullPointerException(field + " has a null key or value");
          }
          copy.put(k, v);
        });
    return Collections.unmodifiableMap(copy);
  }

  /**
   * A private copy of arbitrary JSON, so the record cannot be changed through the caller's node.
   */
  public static JsonNode json(JsonNode value, String field) {
    return present(value, field).deepCopy();
  }

  /** A private copy of a JSON object. */
  public static ObjectNode object(JsonNode value, String field) {
    present(value, field);
    if (!value.isObject()) {
      throw new IllegalArgumentException(
          field
              + " must be a JSON object, was "
              + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    return ((ObjectNode) value).deepCopy();
  }

  /** A present absolute URL, such as {@code https://example.com/a.png}. */
  public static String absoluteUrl(String value, String field) {
    present(value, field);
    try {
      if (new URI(value).isAbsolute()) {
        return value;
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(field + " is not a URL: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(field + " must be an absolute URL, was " + value);
  }
}
