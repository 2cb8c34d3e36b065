package dev.perstack.controlplane.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The databases one build supports; {@code perstack.database.kind} picks one at runtime. Each has a
 * datasource and a persistence unit of its own name, because Quarkus fixes a datasource's kind when
 * it builds.
 */
public enum DatabaseKind {
  H2("h2"),
  POSTGRESQL("postgresql");

  private final String unit;

  DatabaseKind(String unit) {
    this.unit = unit;
  }

  /** The name of its datasource, persistence unit and Flyway configuration. */
  public String unit() {
    return unit;
  }

  /** The kind named {@code name}, or an error that lists the kinds there are. */
  public static DatabaseKind named(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(kind -> kind.unit.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "perstack.database.kind is '"
                        + name
                        + "'; it must be one of "
                        + Arrays.stream(values())
                            .map(DatabaseKind::unit)
                            .collect(Collectors.joining(", "))));
  }
}
