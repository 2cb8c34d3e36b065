package dev.perstack.controlplane.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Where the report writer gets its JDBC connections: the persistence unit's pool, used outside JTA,
 * because a write that stays open while a job's reports arrive is one plain JDBC transaction.
 */
@FunctionalInterface
interface ConnectionSource {

  /** A pooled connection; the caller closes it. */
  Connection open() throws SQLException;

  /** The connection pool of {@code sessions}' persistence unit, looked up at the first use. */
  static ConnectionSource of(Supplier<Session> sessions) {
    return new ConnectionSource() {
      private volatile ConnectionProvider provider;

      @Override
      public Connection open() throws SQLException {
        ConnectionProvider known = provider;
        if (known == null) {
          known =
              sessions
                  .get()
                  .getSessionFactory()
                  .unwrap(SessionFactoryImplementor.class)
                  .getServiceRegistry()
                  .requireService(ConnectionProvider.class);
          provider = known;
        }
        return known.getConnection();
      }
    };
  }
}
