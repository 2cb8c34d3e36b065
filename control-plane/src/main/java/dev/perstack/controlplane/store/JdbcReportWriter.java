package dev.perstack.controlplane.store;

import dev.perstack.controlplane.jobs.JobReport;
import dev.perstack.controlplane.jobs.ReportWriter;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.store.LogWrites.Counters;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes one job's reports as they arrive, in a JDBC transaction that the first report opens and
 * {@link #commit()} ends. While it is open it holds the job's counters (in the database and in this
 * process), so other writes of the job wait for the commit.
 */
final class JdbcReportWriter implements ReportWriter {
  private final String jobId;
  private final ConnectionSource connections;
  private final ReentrantLock jobLock;
  private final ReportWrites writes;
  private final MessageLog messageLog;
  private final List<JobReport> added = new ArrayList<>();
  private final List<StoredEvent> events = new ArrayList<>();
  private final List<Conversation> uncommitted = new ArrayList<>();
  private Connection connection;
  private Counters counters;
  private boolean locked;

  JdbcReportWriter(
      String jobId,
      ConnectionSource connections,
      ReentrantLock jobLock,
      ReportWrites writes,
      MessageLog messageLog) {
    this.jobId = jobId;
    this.connections = connections;
    this.jobLock = jobLock;
    this.writes = writes;
    this.messageLog = messageLog;
  }

  @Override
  public void add(JobReport report) {
    JobReport.requireAllOf(jobId, List.of(report));
    added.add(report);
    try {
      if (connection == null) {
        open();
      }
      writes.write(connection, counters, report, uncommitted).ifPresent(events::add);
    } catch (SQLException | RuntimeException e) {
      throw fail(e);
    }
  }

  @Override
  public List<StoredEvent> commit() {
    if (connection == null) {
      return List.of();
    }
    try {
      LogWrites.save(connection, counters);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      throw fail(e);
    }
    messageLog.remember(uncommitted);
    List<StoredEvent> stored = List.copyOf(events);
    release();
    return stored;
  }

  @Override
  public void close() {
    if (connection != null) {
      rollBack();
    }
    release();
  }

  private void open() throws SQLException {
    // On failure, add() rolls back and releases whatever this opened.
    jobLock.lock();
    locked = true;
    connection = connections.open();
    connection.setAutoCommit(false);
    counters = LogWrites.lock(connection, jobId);
  }

  /** Drops the open transaction and says what was lost; what was committed before stays. */
  private RuntimeException fail(Exception e) {
    String what = describe(jobId, added);
    rollBack();
    release();
    if (e instanceof JobStoreException known) {
      return known;
    }
    return Transactions.failed(what, true, e);
  }

  private void rollBack() {
    if (connection == null) {
      return;
    }
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // Closing the connection below ends the transaction anyway.
    }
  }

  private void release() {
    if (connection != null) {
      try {
        connection.setAutoCommit(true);
        connection.close();
      } catch (SQLException ignored) {
        // The pool drops a connection it cannot reset.
      }
      connection = null;
    }
    if (locked) {
      jobLock.unlock();
      locked = false;
    }
    counters = null;
    added.clear();
    events.clear();
    uncommitted.clear();
  }

  /** What writing {@code reports} does, for an error that says what was not stored. */
  private static String describe(String jobId, List<JobReport> reports) {
    if (reports.size() > 1) {
      return "store " + reports.size() + " reports of job " + jobId;
    }
    JobReport report = reports.get(0);
    if (report instanceof JobReport.EventReport e) {
      return "append a " + e.event().type() + " event to job " + jobId;
    } else if (report instanceof JobReport.CheckpointReport p) {
      return "store checkpoint " + p.checkpoint().id() + " of job " + jobId;
    }
    return "record " + report.subject() + " of job " + jobId;
  }
}
