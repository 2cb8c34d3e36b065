package dev.perstack.agent.skill;

import java.util.Locale;
import java.util.Set;

/**
 * The environment variables no job may set for a skill's processes, through {@code requiredEnv} or
 * {@code exec}'s {@code env}: they decide which program runs, what it loads first, or which code an
 * interpreter runs before the script, so setting one turns "run X" into "run anything". The loader
 * refuses them in {@code requiredEnv} already; the agent checks again because the job spec crosses
 * a trust boundary.
 */
public final class ProtectedVariables {
  private static final Set<String> NAMES =
      Set.of(
          "PATH",
          "HOME",
          "SHELL",
          "NODE_PATH",
          "NODE_OPTIONS",
          "PYTHONPATH",
          "PYTHONHOME",
          "PYTHONSTARTUP",
          "PERL5LIB",
          "PERL5OPT",
          "RUBYLIB",
          "RUBYOPT",
          "JAVA_TOOL_OPTIONS",
          "JDK_JAVA_OPTIONS",
          "_JAVA_OPTIONS",
          "BASH_ENV",
          "ENV",
          "IFS",
          "GCONV_PATH");

  private ProtectedVariables() {}

  /** Whether {@code name} is protected, in any letter case. */
  public static boolean isProtected(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    // Every LD_* and DYLD_* steers the dynamic loader (LD_PRELOAD, LD_AUDIT, DYLD_INSERT_...).
    return NAMES.contains(upper) || upper.startsWith("LD_") || upper.startsWith("DYLD_");
  }
}
