package dev.perstack.cli;

import dev.perstack.controlplane.jobs.JobQuery;
import dev.perstack.controlplane.jobs.JobState;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that pick a page of jobs, shared by the commands that list them. */
final class JobSelection {
  @Option(names = "--expert", paramLabel = "KEY", description = "Only jobs of this expert.")
  String expert;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "At most this many (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--offset", defaultValue = "0", description = "Skip this many.")
  int offset;

  /** The query for these options, in {@code state} when given. */
  JobQuery query(Optional<JobState> state) {
    return new JobQuery(state, Optional.ofNullable(expert), limit, offset);
  }
}
