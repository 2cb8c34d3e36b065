package dev.perstack.lockfile.lock.internal;

import dev.perstack.lockfile.lock.LockedExpert;
import dev.perstack.lockfile.lock.LockedImage;
import dev.perstack.lockfile.lock.LockedPackage;
import dev.perstack.lockfile.lock.LockedProvider;
import dev.perstack.lockfile.lock.LockedToolDefinition;
import dev.perstack.lockfile.lock.PerstackLock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lays a lock out as TOML: top-level fields, {@code [provider]}, {@code [image]}, the {@code
 * [[packages]]}, then one expert after another (its digest and packages, its definition as nested
 * tables, its tool definitions). Everything is in a fixed or sorted order, so the same lock always
 * gives the same bytes.
 */
public final class LockTomlWriter {
  /** The first line of every lock this Perstack writes. */
  public static final String HEADER =
      "# perstack.lock: written by `perstack install`. Do not edit; run `perstack install` again"
          + " instead.";

  private static final String JSON_SCHEMA_KEY = "inputJsonSchema";

  private final StringBuilder out = new StringBuilder();

  private LockTomlWriter() {}

  /**
   * The TOML text of {@code lock}.
   *
   * @throws IllegalArgumentException for a version 1 lock (only read, never written) or text no
   *     TOML string can hold
   */
  public static String write(PerstackLock lock) {
    if (lock.version() != PerstackLock.CURRENT_VERSION) {
      throw new IllegalArgumentException(
          "a version "
              + lock.version()
              + " lock is only read, never written; build a version "
              + PerstackLock.CURRENT_VERSION
              + " lock with `perstack install`");
    }
    LockTomlWriter writer = new LockTomlWriter();
    writer.lock(lock);
    return writer.out.toString();
  }

  private void lock(PerstackLock lock) {
    out.append(HEADER).append('\n');
    value("version", Long.valueOf(lock.version()));
    out.append("generatedAt = ").append(TomlText.instant(lock.generatedAt())).append('\n');
    value("configPath", lock.configPath());
    lock.runtimeVersion().ifPresent(v -> value("runtimeVersion", v));
    lock.provider().ifPresent(this::provider);
    lock.image().ifPresent(this::image);
    lock.packages().forEach(this::lockedPackage);
    lock.experts().values().forEach(this::expert);
  }

  private void provider(LockedProvider provider) {
    header("[provider]");
    value("providerName", provider.providerName());
    provider.model().ifPresent(m -> value("model", m));
  }

  private void image(LockedImage image) {
    header("[image]");
    value("reference", image.reference());
    value("id", image.id());
    value("skillsDigest", image.skillsDigest());
  }

  private void lockedPackage(LockedPackage lockedPackage) {
    header("[[packages]]");
    value("name", lockedPackage.name());
    value("version", lockedPackage.version());
    value("integrity", lockedPackage.integrity());
    value("bin", lockedPackage.bin());
    value("filesDigest", lockedPackage.filesDigest());
  }

  private void expert(LockedExpert expert) {
    String name = "experts." + TomlText.quotedKey(expert.key());
    header("[" + name + "]");
    value("digest", expert.digest());
    value("skillPackages", expert.skillPackages());
    table(name + ".definition", expert.definition());
    for (LockedToolDefinition tool : expert.toolDefinitions()) {
      header("[[" + name + ".toolDefinitions]]");
      value("skillName", tool.skillName());
      value("name", tool.name());
      tool.description().ifPresent(d -> value("description", d));
      out.append("inputSchema = ").append(TomlText.json(tool.inputSchemaJson())).append('\n');
      value("schemaDigest", tool.schemaDigest());
    }
  }

  /**
   * A map as a table: its plain values first (TOML needs them before sub-tables), then those. A
   * table holding only sub-tables gets no header of its own; theirs define it.
   */
  private void table(String name, Map<String, Object> map) {
    Map<String, Object> sorted = new TreeMap<>(map);
    boolean onlyTables =
        !sorted.isEmpty() && sorted.values().stream().allMatch(v -> v instanceof Map);
    if (!onlyTables) {
      header("[" + name + "]");
    }
    sorted.forEach(
        (key, value) -> {
          if (value instanceof String json && key.equals(JSON_SCHEMA_KEY)) {
            // An interactive tool's schema is JSON; a literal string shows it without escapes.
            out.append(TomlText.key(key)).append(" = ").append(TomlText.json(json)).append('\n');
          } else if (!(value instanceof Map)) {
            value(key, value);
          }
        });
    sorted.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> child) {
            @SuppressWarnings("unchecked")
            Map<String, Object> table = (Map<String, Object>) child;
            table(TomlText.child(name, key), table);
          }
        });
  }

  private void header(String header) {
    out.append('\n').append(header).append('\n');
  }

  private void value(String key, Object value) {
    out.append(TomlText.key(key))
        .append(" = ")
        .append(value instanceof String text ? TomlText.string(text) : TomlText.inline(value))
        .append('\n');
  }
}
