package dev.perstack.controlplane.service;

import dev.perstack.cli.PerstackCli;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The service mode's entry point: the launcher starts it for the commands that need the control
 * plane ({@code run}, {@code serve}, {@code jobs}, {@code log}); it runs the same command line.
 */
@QuarkusMain
public class PerstackServiceMain implements QuarkusApplication {
  @Override
  public int run(String... args) {
    return PerstackCli.forProcess().execute(args);
  }
}
