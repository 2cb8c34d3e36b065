package dev.perstack.controlplane.jobs;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.event.PerstackEvent;
import java.util.List;
import java.util.Objects;

/** One thing a running job reports to its store: an event, a checkpoint or a model exchange. */
public sealed interface JobReport {

  /** The job the report belongs to. */
  String jobId();

  /** What the report is, for messages: {@code event e-1}, {@code checkpoint c-1}, ... */
  String subject();

  /**
   * Refuses a batch with a report of another job than {@code jobId}, naming it.
   *
   * @throws IllegalArgumentException for the first report of another job
   */
  static void requireAllOf(String jobId, List<JobReport> reports) {
    for (JobReport report : reports) {
      if (!jobId.equals(report.jobId())) {
        throw new IllegalArgumentException(
            report.subject() + " belongs to job " + report.jobId() + ", not " + jobId);
      }
    }
  }

  /** An event for the job's log. */
  record EventReport(PerstackEvent event) implements JobReport {
    public EventReport {
      Objects.requireNonNull(event, "event");
    }

    @Override
    public String jobId() {
      return event.jobId();
    }

    @Override
    public String subject() {
      return "event " + event.id();
    }
  }

  /** A step's checkpoint. */
  record CheckpointReport(Checkpoint checkpoint) implements JobReport {
    public CheckpointReport {
      Objects.requireNonNull(checkpoint, "checkpoint");
    }

    @Override
    public String jobId() {
      return checkpoint.jobId();
    }

    @Override
    public String subject() {
      return "checkpoint " + checkpoint.id();
    }
  }

  /** A generation the model gateway performed for the job. */
  record ExchangeReport(ModelExchange exchange) implements JobReport {
    public ExchangeReport {
      Objects.requireNonNull(exchange, "exchange");
    }

    @Override
    public String jobId() {
      return exchange.jobId();
    }

    @Override
    public String subject() {
      return "model exchange " + exchange.requestId();
    }
  }
}
