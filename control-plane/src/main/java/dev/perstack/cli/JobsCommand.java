package dev.perstack.cli;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.jobs.JobStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perstack jobs}: lists stored jobs, newest first. */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = "List jobs, newest first.",
    footerHeading = "%nExamples:%n",
    footer = {"  perstack jobs", "  perstack jobs --state stoppedByError --limit 5"})
final class JobsCommand implements Callable<Integer> {

  @Option(
      names = "--state",
      paramLabel = "STATE",
      description = "Only jobs in this state (running, completed, stoppedByError, ...).")
  String state;

  @CommandLine.Mixin JobSelection selection;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Optional<JobState> wanted = Optional.ofNullable(state).flatMap(JobState::fromWireName);
    if (state != null && wanted.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--state "
              + state
              + " is not a job state; use running, completed,"
              + " stoppedByMaxSteps, stoppedByInteractiveTool or stoppedByError");
    }
    JobStore store = ServiceLocator.get(JobStore.class, "jobs");
    List<JobRecord> jobs = store.jobs(selection.query(wanted));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-36s  %-26s  %-24s  %-20s  %s%n", "JOB", "STATE", "EXPERT", "CREATED", "RUNTIME");
    for (JobRecord job : jobs) {
      out.printf(
          "%-36s  %-26s  %-24s  %-20s  %s%n",
          job.id(),
          job.state().wireName(),
          job.expertKey(),
          job.createdAt().toString().substring(0, 19),
          job.runtime());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
