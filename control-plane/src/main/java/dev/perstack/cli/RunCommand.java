package dev.perstack.cli;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.orchestration.JobHandle;
import dev.perstack.controlplane.orchestration.JobOrchestrator;
import dev.perstack.controlplane.orchestration.JobRejectedException;
import dev.perstack.controlplane.orchestration.JobRequest;
import dev.perstack.lockfile.config.ConfigFileLocator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code perstack run}: runs an expert headless, printing Perstack's events as JSON lines. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run an expert on a query in a sandbox and print every event as one JSON line on stdout",
      "(the same event names as Perstack). Human-readable progress goes to stderr.",
      "Exit code 0 only when the job completed."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  perstack run hello \"Say hi\"",
      "  perstack run --runtime local --workspace ./work code-reviewer \"Review the change\"",
      "  perstack run --continue-job JOB -i code-reviewer \"Yes, publish it\"",
      "  perstack run --model-cassette hello.jsonl hello \"Say hi\"   (no provider key needed)"
    })
final class RunCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "EXPERT", description = "The expert's key.")
  String expert;

  @Parameters(index = "1", paramLabel = "QUERY", description = "The query (with -i: the answer).")
  String query;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "perstack.toml (default: found from the working directory upwards).")
  Path config;

  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      description = "The directory the job may read and write (default: the working directory).")
  Path workspace;

  @Option(
      names = "--runtime",
      paramLabel = "NAME",
      description = "docker or local (default: the file's runtime, else docker).")
  String runtime;

  @Option(names = "--model", description = "The model to use instead of the file's.")
  String model;

  @Option(names = "--max-steps", paramLabel = "N", description = "Stop the job after N steps.")
  Integer maxSteps;

  @Option(names = "--continue", description = "Continue the latest job with a new query.")
  boolean continueLatest;

  @Option(names = "--continue-job", paramLabel = "JOB", description = "Continue this job.")
  String continueJob;

  @Option(
      names = "--resume-from",
      paramLabel = "CHECKPOINT",
      description = "With --continue-job: resume from this checkpoint.")
  String resumeFrom;

  @Option(names = "-i", description = "The query answers the pending interactive tool call.")
  boolean interactive;

  @Option(
      names = "--locked",
      description =
          "Refuse to run unless a current perstack.lock is beside perstack.toml (write it with `perstack install`).")
  boolean locked;

  @Option(
      names = "--model-cassette",
      paramLabel = "FILE",
      description =
          "Answer generations from a recorded cassette (a file, or a bundled name such as hello) instead of a provider: no key, no network.")
  String modelCassette;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (modelCassette != null) {
      // Read by the model gateway, which the service creates on first use (just below).
      System.setProperty("perstack.model-cassette", modelCassette);
    }
    JobOrchestrator orchestrator = ServiceLocator.get(JobOrchestrator.class, "run");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // What an earlier run or serve of this home left when it was killed; live ones are untouched.
    int reaped = orchestrator.reapOrphans(false);
    if (reaped > 0) {
      err.println(
          "perstack: "
              + reaped
              + " job(s) left running by a control plane that is gone were marked stopped");
    }
    Optional<Path> file =
        config != null ? Optional.of(config) : ConfigFileLocator.findFrom(Path.of(""));
    if (file.isEmpty() || !Files.isRegularFile(file.get())) {
      err.println(
          "perstack: no perstack.toml found from "
              + Path.of("").toAbsolutePath()
              + "; pass --config FILE");
      return ExitCodes.FAILED;
    }
    Optional<String> continued = Optional.ofNullable(continueJob);
    if (continueLatest && continued.isEmpty()) {
      continued = orchestrator.store().latestJob().map(JobRecord::id);
      if (continued.isEmpty()) {
        err.println("perstack: --continue found no earlier job; run one first");
        return ExitCodes.FAILED;
      }
    }
    Path jobWorkspace = (workspace != null ? workspace : Path.of("")).toAbsolutePath().normalize();
    Files.createDirectories(jobWorkspace);
    JobRequest request =
        new JobRequest(
            file.get(),
            expert,
            Optional.of(query),
            jobWorkspace,
            Optional.ofNullable(runtime),
            Optional.ofNullable(model),
            Optional.ofNullable(maxSteps),
            continued,
            Optional.ofNullable(resumeFrom),
            interactive,
            "cli",
            locked);
    EventPrinter printer = new EventPrinter(out);
    JobHandle handle;
    try {
      handle = orchestrator.submit(request, Optional.of(printer));
    } catch (JobRejectedException e) {
      e.reasons().forEach(r -> err.println("perstack: " + r));
      return ExitCodes.FAILED;
    }
    err.println(
        "perstack: job "
            + handle.record().id()
            + " started ("
            + handle.record().runtime()
            + " runtime)");
    Thread cancelOnInterrupt =
        new Thread(() -> orchestrator.cancel(handle.record().id(), "interrupted (Ctrl-C)"));
    Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
    JobRecord finished = handle.finished().get();
    Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
    printer.awaitPrinted();
    err.println(
        "perstack: job "
            + finished.id()
            + " "
            + finished.state().wireName()
            + finished.error().map(e -> ": " + e).orElse(""));
    return finished.state() == JobState.COMPLETED ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
