package dev.perstack.controlplane.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.exception.JDBCConnectionException;

/** Sessions whose database fails, for the store's failure tests. */
final class FaultySessions {
  private FaultySessions() {}

  /**
   * Connections of {@code real}'s pool whose database fails when the checkpoint row goes in, after
   * the checkpoint's new messages have gone in: how the report writer meets a failing database.
   */
  static ConnectionSource connectionsFailingAtCheckpointRow(Session real) {
    ConnectionSource pool = ConnectionSource.of(() -> real);
    return () -> failingAtCheckpointRow(pool.open());
  }

  private static Connection failingAtCheckpointRow(Connection real) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (self, method, args) -> {
              if (method.getName().equals("prepareStatement")
                  && ((String) args[0]).startsWith("insert into perstack_checkpoints")) {
                throw new SQLException("simulated: disk full", "53100");
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** A session whose database cannot be reached. */
  static Supplier<Session> unreachable() {
    return () ->
        proxy(
            (method, args) -> {
              throw new JDBCConnectionException(
                  "Unable to acquire JDBC Connection",
                  new SQLException("Connection to 127.0.0.1:1 refused"));
            },
            null);
  }

  /** What a fault does instead of a call; null lets the call through. */
  private interface Fault {
    Object apply(String method, Object[] args);
  }

  private static Session proxy(Fault fault, Session real) {
    return (Session)
        Proxy.newProxyInstance(
            Session.class.getClassLoader(),
            new Class<?>[] {Session.class},
            (self, method, args) -> {
              Object instead = fault.apply(method.getName(), args == null ? new Object[0] : args);
              if (instead != null || real == null) {
                return instead;
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
