package dev.perstack.controlplane.store;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The control plane on the PostgreSQL that {@code PERSTACK_TEST_JDBC_URL}, {@code
 * PERSTACK_TEST_DB_USER} and {@code PERSTACK_TEST_DB_PASSWORD} name (.ci/run exports them), in a
 * schema of its own that is emptied when the application starts. Test classes using it carry
 * {@code @ExtendWith(RequiresPostgres.class)}.
 */
public class PostgresTestProfile implements QuarkusTestProfile {
  /** The schema the tests use, so that they never touch anything else in that database. */
  public static final String SCHEMA = "perstack_store_test";

  @Override
  public Map<String, String> getConfigOverrides() {
    String url = System.getenv(RequiresPostgres.URL);
    if (url == null || url.isBlank()) {
      // Quarkus reads profiles before JUnit evaluates conditions: RequiresPostgres skips or
      // fails the class with the explanation, this must not throw first.
      return Map.of("perstack.database.kind", "postgresql");
    }
    return Map.of(
        "perstack.database.kind",
        "postgresql",
        "perstack.database.url",
        url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA,
        "perstack.database.user",
        env("PERSTACK_TEST_DB_USER"),
        "perstack.database.password",
        env("PERSTACK_TEST_DB_PASSWORD"),
        "quarkus.flyway.\"postgresql\".schemas",
        SCHEMA,
        "quarkus.flyway.\"postgresql\".clean-at-start",
        "true",
        "quarkus.flyway.\"postgresql\".clean-disabled",
        "false");
  }

  private static String env(String name) {
    String value = System.getenv(name);
    return value == null ? "" : value;
  }
}
