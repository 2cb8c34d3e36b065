package dev.perstack.image.internal;

import dev.perstack.image.BuildListener;
import dev.perstack.image.BuildProgress;
import dev.perstack.image.BuildStage;
import dev.perstack.image.ImageBuildException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@code npm install} of registry specs into an npm project on the host: exact versions saved,
 * lifecycle scripts never run ({@code --ignore-scripts}: installing must not execute a package's
 * code on the host), no audit, no funding messages, no {@code .bin} links.
 */
public final class NpmInstall {
  private NpmInstall() {}

  /** The command line that installs {@code specs} into {@code project}. */
  public static List<String> command(String npm, Path project, List<NpmSpec> specs) {
    List<String> command = new ArrayList<>();
    command.add(npm);
    command.add("install");
    command.add("--prefix");
    command.add(project.toString());
    command.add("--ignore-scripts");
    command.add("--no-audit");
    command.add("--no-fund");
    command.add("--save-exact");
    command.add("--bin-links=false");
    command.add("--no-update-notifier");
    specs.forEach(s -> command.add(s.toString()));
    return List.copyOf(command);
  }

  /** Installs; npm's stderr lines go to the listener as they come. */
  public static void run(
      String npm, Path project, List<NpmSpec> specs, Duration timeout, BuildListener listener)
      throws ImageBuildException {
    List<String> command = command(npm, project, specs);
    String where = ShellWords.join(command);
    CommandPipeline.Outcome outcome;
    try {
      outcome =
          CommandPipeline.run(
              List.of(
                  new CommandPipeline.Step(
                      command,
                      line -> {
                        if (!line.isBlank()) {
                          listener.progress(
                              BuildProgress.of(BuildStage.SKILL_PACKAGES, "npm: " + line.strip()));
                        }
                      })),
              timeout);
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot start npm: " + e.getMessage(),
          where,
          "install Node.js and npm on this machine (Debian: apt-get install npm) and put npm on"
              + " PATH",
          e);
    } catch (CommandPipeline.TimedOut e) {
      throw new ImageBuildException(
          "npm did not install " + specs + " within " + timeout.toSeconds() + " s",
          where,
          "check the network and the npm registry ('npm config get registry', 'npm ping'),"
              + " then install again",
          e.stderrTails().get(0),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("the npm install was interrupted", where, "install again", e);
    }
    if (outcome.firstFailure() >= 0) {
      List<String> tail = outcome.stderrTails().get(0);
      throw new ImageBuildException(
          "npm could not install " + culprit(specs, tail) + " (" + code(tail) + ")",
          where,
          fix(tail, specs),
          tail,
          null);
    }
    outcome
        .stdout()
        .lines()
        .filter(l -> !l.isBlank())
        .forEach(
            l ->
                listener.progress(
                    BuildProgress.of(BuildStage.SKILL_PACKAGES, "npm: " + l.strip())));
  }

  /** The spec npm's error names, or all of them when it names none (a dependency failed). */
  static String culprit(List<NpmSpec> specs, List<String> tail) {
    List<NpmSpec> named =
        specs.stream()
            .filter(
                s ->
                    tail.stream()
                        .anyMatch(
                            l ->
                                l.contains(s.name())
                                    || l.contains(s.name().replace("/", "%2f"))
                                    || l.contains(s.name().replace("/", "%2F"))))
            .toList();
    List<NpmSpec> chosen = named.isEmpty() ? specs : named;
    return String.join(", ", chosen.stream().map(NpmSpec::toString).toList());
  }

  /**
   * npm's error code ({@code npm error code E404}), or "exit code" wording when it printed none.
   */
  static String code(List<String> tail) {
    for (String line : tail) {
      String l = line.strip();
      for (String prefix : List.of("npm error code ", "npm ERR! code ")) {
        if (l.startsWith(prefix)) {
          return l.substring(prefix.length()).strip();
        }
      }
    }
    return "npm failed";
  }

  static String fix(List<String> tail, List<NpmSpec> specs) {
    String code = code(tail).toUpperCase(Locale.ROOT);
    String first = specs.get(0).name();
    return switch (code) {
      case "E404" ->
          "check the package name in perstack.toml ('npm view <name>' must find it; private"
              + " packages need a registry login in ~/.npmrc)";
      case "ETARGET" ->
          "pick a version that exists ('npm view " + first + " versions') in perstack.toml";
      case "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNREFUSED", "ECONNRESET", "ENETUNREACH" ->
          "check the network and the npm registry ('npm config get registry', 'npm ping'), then"
              + " install again";
      case "EACCES", "EPERM" ->
          "make the staging directory and npm's cache (~/.npm) writable for this user";
      default ->
          "read npm's last lines below; 'npm install "
              + first
              + "' in an empty directory"
              + " shows the same error";
    };
  }
}
