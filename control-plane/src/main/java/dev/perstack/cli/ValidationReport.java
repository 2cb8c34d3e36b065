package dev.perstack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.perstack.lockfile.config.ConfigProblem;
import dev.perstack.lockfile.config.LoadedConfig;
import dev.perstack.lockfile.config.Severity;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints the outcome of {@code perstack validate} as text (for people) or JSON (for tools). */
final class ValidationReport {
  private final PrintWriter out;
  private final PrintWriter err;

  ValidationReport(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  int valid(ValidateCommand.Format format, String file, LoadedConfig loaded) {
    List<String> experts = List.copyOf(loaded.config().experts().keySet());
    if (format == ValidateCommand.Format.json) {
      json(file, true, loaded.warnings(), experts);
    } else {
      loaded.warnings().forEach(w -> err.println(w.format()));
      out.println(
          file
              + ": valid, "
              + plural(experts.size(), "expert")
              + " ("
              + String.join(", ", experts)
              + ")"
              + (loaded.warnings().isEmpty()
                  ? ""
                  : ", " + plural(loaded.warnings().size(), "warning")));
    }
    flush();
    return ExitCodes.OK;
  }

  int invalid(ValidateCommand.Format format, String file, List<ConfigProblem> problems) {
    if (format == ValidateCommand.Format.json) {
      json(file, false, problems, List.of());
    } else {
      problems.forEach(p -> err.println(p.format()));
      long errors = problems.stream().filter(p -> p.severity() == Severity.ERROR).count();
      err.println(
          file
              + ": invalid, "
              + plural(errors, "error")
              + (problems.size() > errors
                  ? ", " + plural(problems.size() - errors, "warning")
                  : ""));
    }
    flush();
    return ExitCodes.FAILED;
  }

  int notFound(ValidateCommand.Format format, Path cwd) {
    String message =
        "no perstack.toml in "
            + cwd
            + " or any parent directory. Pass --config FILE, or create"
            + " one (see examples/ in the Perstack repository).";
    if (format == ValidateCommand.Format.json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("file", null);
      body.put("valid", false);
      body.put("errors", List.of(Map.of("message", message)));
      body.put("warnings", List.of());
      write(body);
    } else {
      err.println("perstack: " + message);
    }
    flush();
    return ExitCodes.FAILED;
  }

  private void json(
      String file, boolean valid, List<ConfigProblem> problems, List<String> experts) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("file", file);
    body.put("valid", valid);
    body.put(
        "errors",
        problems.stream()
            .filter(p -> p.severity() == Severity.ERROR)
            .map(ValidationReport::problem)
            .toList());
    body.put(
        "warnings",
        problems.stream()
            .filter(p -> p.severity() == Severity.WARNING)
            .map(ValidationReport::problem)
            .toList());
    body.put("experts", experts);
    write(body);
  }

  private static Map<String, Object> problem(ConfigProblem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", p.file());
    m.put("line", p.position().line());
    m.put("column", p.position().column());
    m.put("severity", p.severity().word());
    m.put("field", p.field());
    m.put("expert", p.expertKey());
    m.put("message", p.message());
    m.put("fix", p.fix());
    m.put("text", p.format());
    return m;
  }

  private void write(Map<String, Object> body) {
    try {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void flush() {
    out.flush();
    err.flush();
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
