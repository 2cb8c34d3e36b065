package dev.perstack.cli;

import dev.perstack.controlplane.orchestration.JobOrchestrator;
import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code perstack serve}: runs the control plane's REST + SSE API until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the control plane: the REST + SSE API (/api), OpenAPI (/q/openapi), health (/q/health).",
      "Listens on 127.0.0.1:8080 unless PERSTACK_HOST / PERSTACK_PORT say otherwise."
    },
    footerHeading = "%nExample:%n",
    footer = "  PERSTACK_PORT=9090 perstack serve")
final class ServeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    JobOrchestrator orchestrator = ServiceLocator.get(JobOrchestrator.class, "serve");
    // Also the jobs stored before control planes recorded an owner: serve always ended those.
    int reaped = orchestrator.reapOrphans(true);
    var config = ConfigProvider.getConfig();
    spec.commandLine()
        .getErr()
        .println(
            "perstack: serving on http://"
                + config.getValue("quarkus.http.host", String.class)
                + ":"
                + config.getValue("quarkus.http.port", Integer.class)
                + (reaped > 0
                    ? " (" + reaped + " job(s) left running earlier were marked stopped)"
                    : ""));
    spec.commandLine().getErr().flush();
    Quarkus.waitForExit();
    return ExitCodes.OK;
  }
}
