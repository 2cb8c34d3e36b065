package dev.perstack.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract on the default database: H2 in a file under the perstack home. */
@QuarkusTest
@TestProfile(H2TestProfile.class)
class H2JobStoreTest extends DatabaseJobStoreContract {

  @Override
  protected DatabaseKind kind() {
    return DatabaseKind.H2;
  }

  @Nested
  class Configuration {
    @Test
    void putsTheDatabaseUnderThePerstackHome() {
      assertThat(Files.exists(Path.of(H2TestProfile.HOME, "db", "perstack.mv.db"))).isTrue();
    }
  }
}
