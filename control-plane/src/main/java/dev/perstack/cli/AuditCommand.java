package dev.perstack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.perstack.controlplane.api.AuditEntry;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perstack audit}: which lock, definitions and image each job ran, when, for whom. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Show the audit trail of jobs, newest first: who submitted each, when, the digest of the",
      "perstack.toml it loaded, the perstack.lock it ran under (or `unlocked`) and its image."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  perstack audit", "  perstack audit --expert reviewer --json --limit 100"})
final class AuditCommand implements Callable<Integer> {
  @CommandLine.Mixin JobSelection selection;

  @Option(names = "--json", description = "One JSON object per line, as GET /api/audit gives.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    JobStore store = ServiceLocator.get(JobStore.class, "audit");
    List<JobRecord> jobs = store.jobs(selection.query(Optional.empty()));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper =
          new ObjectMapper()
              .registerModule(new JavaTimeModule())
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
      for (JobRecord job : jobs) {
        out.println(mapper.writeValueAsString(AuditEntry.of(job)));
      }
    } else {
      out.printf(
          "%-36s  %-20s  %-16s  %-20s  %-19s  %-19s  %s%n",
          "JOB", "EXPERT", "BY", "CREATED", "CONFIG", "LOCK", "IMAGE");
      for (JobRecord job : jobs) {
        out.printf(
            "%-36s  %-20s  %-16s  %-20s  %-19s  %-19s  %s%n",
            job.id(),
            job.expertKey(),
            job.submittedBy(),
            job.createdAt().toString().substring(0, 19),
            shortDigest(job.configDigest()),
            job.lockDigest().map(AuditCommand::shortDigest).orElse("unlocked"),
            job.image().map(AuditCommand::shortDigest).orElse("-"));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  // sha256:0123456789abcdef… is enough to tell digests apart on a terminal.
  private static String shortDigest(String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) : digest;
  }
}
