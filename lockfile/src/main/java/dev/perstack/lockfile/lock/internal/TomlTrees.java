package dev.perstack.lockfile.lock.internal;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/** Turns parsed TOML into plain trees of String, Long, Double, Boolean, List and Map. */
final class TomlTrees {
  private TomlTrees() {}

  static Map<String, Object> tree(TomlTable table) {
    Map<String, Object> tree = new TreeMap<>();
    for (String key : table.keySet()) {
      tree.put(key, value(table.get(List.of(key))));
    }
    return tree;
  }

  static Object value(Object value) {
    if (value instanceof TomlTable table) {
      return tree(table);
    }
    if (value instanceof TomlArray array) {
      List<Object> list = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        list.add(value(array.get(i)));
      }
      return list;
    }
    if (value instanceof TemporalAccessor) {
      // Definition trees have no date type; a date the original wrote survives as its text.
      return value.toString();
    }
    return value;
  }
}
