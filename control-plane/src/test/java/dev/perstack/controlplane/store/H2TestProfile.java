package dev.perstack.controlplane.store;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The control plane on its default database, H2 in a file under the perstack home (here a directory
 * under target/), emptied when the application starts.
 */
public class H2TestProfile implements QuarkusTestProfile {
  /** The perstack home of this profile; the database is {@code db/perstack.mv.db} under it. */
  public static final String HOME = "./target/store-test-home";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "perstack.home", HOME,
        "perstack.database.kind", "h2",
        "quarkus.flyway.\"h2\".clean-at-start", "true",
        "quarkus.flyway.\"h2\".clean-disabled", "false");
  }
}
