package dev.perstack.controlplane.store;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when {@code PERSTACK_TEST_JDBC_URL} names a PostgreSQL. Without it the
 * class is skipped on a workstation, but fails under CI (where {@code CI} is set): there the
 * PostgreSQL tests must run, and a missing database is a broken CI setup.
 */
public class RequiresPostgres implements ExecutionCondition {
  static final String URL = "PERSTACK_TEST_JDBC_URL";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String url = System.getenv(URL);
    if (url != null && !url.isBlank()) {
      return ConditionEvaluationResult.enabled(URL + " is set");
    }
    if (System.getenv("CI") != null) {
      throw new IllegalStateException(
          URL
              + " is not set, but CI is: the PostgreSQL tests must run in CI. .ci/run starts a"
              + " PostgreSQL 15 cluster and exports "
              + URL
              + ", PERSTACK_TEST_DB_USER and PERSTACK_TEST_DB_PASSWORD; run the tests through it"
              + " or export them.");
    }
    return ConditionEvaluationResult.disabled(
        URL
            + " is not set, so the PostgreSQL tests are skipped; export it (with"
            + " PERSTACK_TEST_DB_USER and PERSTACK_TEST_DB_PASSWORD) to run them, e.g. from"
            + " .ci/start-postgres.sh");
  }
}
