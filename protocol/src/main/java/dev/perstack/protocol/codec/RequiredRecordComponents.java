package dev.perstack.protocol.codec;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Marks every component of the protocol's records as required unless its type is an {@code
 * Optional}, so that a missing field fails decoding with the field's name instead of defaulting.
 */
final class RequiredRecordComponents extends NopAnnotationIntrospector {
  private static final long serialVersionUID = 1L;
  private static final String PROTOCOL_PACKAGE = "dev.perstack.protocol";

  @Override
  public Boolean hasRequiredMarker(AnnotatedMember member) {
    Class<?> owner = member.getDeclaringClass();
    if (!owner.isRecord() || !owner.getPackageName().startsWith(PROTOCOL_PACKAGE)) {
      return null;
    }
    Class<?> type = member.getRawType();
    boolean optional =
        type == Optional.class
            || type == OptionalInt.class
            || type == OptionalLong.class
            || type == OptionalDouble.class;
    return !optional;
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }
}
