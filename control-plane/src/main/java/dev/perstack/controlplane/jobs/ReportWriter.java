package dev.perstack.controlplane.jobs;

import java.util.List;

/**
 * Writes one job's reports as they arrive and makes them durable together at {@link #commit()}: the
 * work of each report is done while the next ones are still on their way, and only the commit is
 * left when the last one arrives. Confined to one thread: the thread that adds also commits and
 * closes (a database writer holds a lock of that thread while its write is open).
 */
public interface ReportWriter extends AutoCloseable {

  /**
   * Writes {@code report} after those added before; nothing of it is visible or durable before
   * {@link #commit()}.
   *
   * @throws IllegalArgumentException if the report belongs to another job
   * @throws RuntimeException if the write failed: everything added since the last commit is dropped
   */
  void add(JobReport report);

  /**
   * Makes what was added since the last commit durable, all or none.
   *
   * @return the stored events among those reports, in order, with their sequence numbers
   * @throws RuntimeException if the commit failed: nothing of those reports is stored
   */
  List<StoredEvent> commit();

  /** Drops what was added since the last commit. */
  @Override
  void close();
}
