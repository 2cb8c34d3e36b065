package dev.perstack.controlplane.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ReportWriter} for stores that write a batch at once: it keeps the reports until commit.
 */
final class BufferedReportWriter implements ReportWriter {
  private final JobStore store;
  private final String jobId;
  private final List<JobReport> added = new ArrayList<>();

  BufferedReportWriter(JobStore store, String jobId) {
    this.store = store;
    this.jobId = jobId;
  }

  @Override
  public void add(JobReport report) {
    JobReport.requireAllOf(jobId, List.of(report));
    added.add(report);
  }

  @Override
  public List<StoredEvent> commit() {
    List<JobReport> batch = List.copyOf(added);
    added.clear();
    return batch.isEmpty() ? List.of() : store.store(jobId, batch);
  }

  @Override
  public void close() {
    added.clear();
  }
}
