package dev.perstack.protocol.codec;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records under a sealed interface and their wire names, read from each record's {@code TYPE}
 * constant, so that the permits list is the only list of subtypes.
 */
final class SealedTypes {
  private final Map<Class<?>, String> names = new LinkedHashMap<>();
  private final Set<Class<?>> interfaces = new LinkedHashSet<>();

  SealedTypes(List<Class<?>> roots) {
    roots.forEach(this::walk);
  }

  /** Every record found, with its wire name. */
  Map<Class<?>, String> names() {
    return Collections.unmodifiableMap(names);
  }

  /** Every sealed interface found, the roots included. */
  Set<Class<?>> interfaces() {
    return Collections.unmodifiableSet(interfaces);
  }

  /** The wire names of the records assignable to {@code base}, in permits order. */
  List<String> namesUnder(Class<?> base) {
    List<String> result = new ArrayList<>();
    names.forEach(
        (type, name) -> {
          if (base.isAssignableFrom(type) && !result.contains(name)) {
            result.add(name);
          }
        });
    return result;
  }

  private void walk(Class<?> type) {
    if (type.isRecord()) {
      names.putIfAbsent(type, wireName(type));
      return;
    }
    if (!type.isSealed()) {
      throw new IllegalStateException(type + " is neither a record nor a sealed interface");
    }
    if (interfaces.add(type)) {
      for (Class<?> sub : type.getPermittedSubclasses()) {
        walk(sub);
      }
    }
  }

  private static String wireName(Class<?> record) {
    try {
      Field field = record.getField("TYPE");
      if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
        throw new IllegalStateException(record + ".TYPE must be a static String");
      }
      return (String) field.get(null);
    } catch (NoSuchFieldException | IllegalAccessException e) {
      throw new IllegalStateException(record + " needs a public static String TYPE", e);
    }
  }
}
