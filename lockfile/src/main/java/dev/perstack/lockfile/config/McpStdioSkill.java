package dev.perstack.lockfile.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An MCP server started as a child process in the sandbox.
 *
 * @param packageName the npm (npx) or PyPI (uvx) package, when the server is named by package
 * @param args the command's arguments, when the server is named by arguments
 * @param requiredEnv variables handed to the server; a missing one is an error at run time
 * @param allowedDomains hosts the server may reach where the runtime gives it a network
 * @param lazyInit start the server on its first call instead of at run start
 */
public record McpStdioSkill(
    String name,
    Optional<String> description,
    Optional<String> rule,
    List<String> pick,
    List<String> omit,
    String command,
    Optional<String> packageName,
    List<String> args,
    List<String> requiredEnv,
    List<String> allowedDomains,
    boolean lazyInit)
    implements SkillDefinition {

  public McpStdioSkill {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(packageName, "packageName");
    pick = List.copyOf(pick);
    omit = List.copyOf(omit);
    args = List.copyOf(args);
    requiredEnv = List.copyOf(requiredEnv);
    allowedDomains = List.copyOf(allowedDomains);
    if (packageName.isPresent() == !args.isEmpty()) {
      throw new IllegalArgumentException(
          "skill " + name + " needs exactly one of packageName or a non-empty args");
    }
  }

  /**
   * The argument list the process is started with: {@code args}, or for a package {@code -y
   * <package>} with {@code npx} (where {@code -y} is implied) and {@code <package>} otherwise.
   */
  public List<String> commandArguments() {
    if (packageName.isEmpty()) {
      return args;
    }
    return "npx".equals(command) ? List.of("-y", packageName.get()) : List.of(packageName.get());
  }
}
