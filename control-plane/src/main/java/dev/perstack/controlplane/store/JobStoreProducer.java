package dev.perstack.controlplane.store;

import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.protocol.codec.ProtocolCodec;
import io.quarkus.hibernate.orm.PersistenceUnit;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Gives the control plane its {@link JobStore}: the database store on the persistence unit that
 * {@code perstack.database.kind} activates.
 */
@Singleton
public class JobStoreProducer {

  @Produces
  @Singleton
  JobStore jobStore(
      @ConfigProperty(name = "perstack.database.kind", defaultValue = "h2") String kind,
      @Any Instance<Session> sessions) {
    DatabaseKind database = DatabaseKind.named(kind);
    // Looked up, not injected: the other kind's unit is inactive, and a static injection point
    // of an inactive unit would fail the start.
    Session session =
        sessions.select(new PersistenceUnit.PersistenceUnitLiteral(database.unit())).get();
    return new DatabaseJobStore(() -> session, ProtocolCodec.create(), Clock.systemUTC());
  }
}
