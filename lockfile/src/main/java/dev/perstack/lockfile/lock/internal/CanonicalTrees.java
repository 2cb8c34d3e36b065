package dev.perstack.lockfile.lock.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Immutable copies of definition trees: only String, Long, Double, Boolean, List and Map with
 * String keys, maps sorted by key, so that equal trees print and hash the same.
 */
public final class CanonicalTrees {
  private CanonicalTrees() {}

  /**
   * A deep, immutable, key-sorted copy of {@code map}; Integer/Short/Byte become Long and Float
   * becomes Double, so a tree built by hand equals the same tree read back from a file.
   *
   * @throws IllegalArgumentException for null, another type, or a number that is not finite
   */
  public static Map<String, Object> copy(Map<String, ?> map) {
    return copyMap(map, "");
  }

  /** The names under {@code skills} of a definition tree; none when it has no such map. */
  public static Set<String> skillNames(Map<String, Object> definition) {
    Set<String> names = new HashSet<>();
    if (definition.get("skills") instanceof Map<?, ?> skills) {
      skills.keySet().forEach(k -> names.add(String.valueOf(k)));
    }
    return names;
  }

  private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException(
            "definition tree key at `" + path + "` is " + describe(entry.getKey()));
      }
      String child = path.isEmpty() ? key : path + "." + key;
      sorted.put(key, copyValue(entry.getValue(), child));
    }
    return Collections.unmodifiableMap(sorted);
  }

  private static Object copyValue(Object value, String path) {
    if (value instanceof String || value instanceof Long || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("definition tree value at `" + path + "` is " + d);
      }
      return d;
    }
    if (value instanceof Map<?, ?> map) {
      return copyMap(map, path);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(copyValue(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        "definition tree value at `"
            + path
            + "` is "
            + describe(value)
            + "; only strings, whole numbers, finite numbers, booleans, lists and maps are allowed");
  }

  private static String describe(Object value) {
    return value == null ? "null" : "a " + value.getClass().getSimpleName();
  }
}
