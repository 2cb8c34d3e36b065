package dev.perstack.controlplane.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract on PostgreSQL, the database chosen by configuration. */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
@ExtendWith(RequiresPostgres.class)
class PostgresJobStoreTest extends DatabaseJobStoreContract {

  @Override
  protected DatabaseKind kind() {
    return DatabaseKind.POSTGRESQL;
  }
}
