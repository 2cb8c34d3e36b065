package dev.perstack.agent.mcp;

import dev.perstack.agent.skill.ProtectedVariables;
import dev.perstack.agent.skill.SkillException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which environment variables an MCP server process may see, and which it never may set. */
public final class SkillEnvironment {
  private SkillEnvironment() {}

  /**
   * The variables of the agent's own environment a server inherits: what a program needs to find
   * executables and its home, plus the proxy settings, as in the original.
   */
  public static final List<String> BASE_NAMES =
      List.of(
          "PATH",
          "HOME",
          "SHELL",
          "TERM",
          "NODE_PATH",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "http_proxy",
          "https_proxy",
          "NO_PROXY",
          "no_proxy",
          "PERSTACK_PROXY_URL",
          "NPM_CONFIG_PROXY",
          "NPM_CONFIG_HTTPS_PROXY");

  /**
   * The base variables found in {@code source}, such as the agent's {@code System.getenv()}; every
   * other variable is dropped. Empty values are dropped too.
   */
  public static Map<String, String> base(Map<String, String> source) {
    Map<String, String> base = new LinkedHashMap<>();
    for (String name : BASE_NAMES) {
      String value = source.get(name);
      if (value != null && !value.isEmpty()) {
        base.put(name, value);
      }
    }
    return base;
  }

  /**
   * The complete environment of one skill's process: {@link #base} of {@code base} plus each {@code
   * requiredEnv} variable with its granted value.
   *
   * @param granted the job's env values; only the names in {@code requiredEnv} are read
   * @throws SkillException when a required variable has no (or an empty) granted value, or is
   *     protected
   */
  public static Map<String, String> forSkill(
      String skillName,
      List<String> requiredEnv,
      Map<String, String> granted,
      Map<String, String> base)
      throws SkillException {
    Map<String, String> env = base(base);
    for (String name : requiredEnv) {
      if (ProtectedVariables.isProtected(name)) {
        throw new SkillException(
            skillName,
            "requiredEnv names "
                + name
                + ", a protected variable that could change how the server loads code; remove it"
                + " from requiredEnv");
      }
      String value = granted.get(name);
      if (value == null || value.isEmpty()) {
        throw new SkillException(
            skillName,
            "requires environment variable "
                + name
                + " (listed in its requiredEnv), but the job provides no value for it; set "
                + name
                + " where you start the job");
      }
      env.put(name, value);
    }
    return env;
  }
}
