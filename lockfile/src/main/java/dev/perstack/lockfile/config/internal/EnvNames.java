package dev.perstack.lockfile.config.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules for environment variable names that {@code requiredEnv} hands to skills. */
public final class EnvNames {
  private EnvNames() {}

  private static final Pattern GRAMMAR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  /**
   * Names that change how programs load code or find files; the reference's list plus the other
   * loader and interpreter hooks of the tools a sandbox runs (shell, Python, Perl, Ruby, the JVM,
   * iconv). The agent refuses the same ones (its {@code ProtectedVariables}), since the job spec
   * crosses a trust boundary.
   */
  private static final Set<String> PROTECTED =
      Set.of(
          "PATH",
          "HOME",
          "SHELL",
          "NODE_PATH",
          "LD_PRELOAD",
          "LD_LIBRARY_PATH",
          "LD_AUDIT",
          "NODE_OPTIONS",
          "PYTHONPATH",
          "PYTHONHOME",
          "PYTHONSTARTUP",
          "PERL5LIB",
          "PERL5OPT",
          "RUBYLIB",
          "RUBYOPT",
          "BASH_ENV",
          "ENV",
          "JAVA_TOOL_OPTIONS",
          "_JAVA_OPTIONS",
          "JDK_JAVA_OPTIONS",
          "IFS",
          "GCONV_PATH");

  /** Provider credentials; handing one to the sandbox defeats the model gateway. */
  private static final Set<String> PROVIDER_CREDENTIALS =
      Set.of(
          "ANTHROPIC_API_KEY",
          "OPENAI_API_KEY",
          "GOOGLE_GENERATIVE_AI_API_KEY",
          "DEEPSEEK_API_KEY",
          "AZURE_API_KEY",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "GOOGLE_APPLICATION_CREDENTIALS");

  public static boolean isWellFormed(String name) {
    return name.length() <= 255 && GRAMMAR.matcher(name).matches();
  }

  public static boolean isProtected(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    // Every LD_* and DYLD_* steers the dynamic loader (LD_PRELOAD, LD_AUDIT, DYLD_INSERT_...).
    return PROTECTED.contains(upper) || upper.startsWith("LD_") || upper.startsWith("DYLD_");
  }

  public static boolean isProviderCredential(String name) {
    return PROVIDER_CREDENTIALS.contains(name.toUpperCase(Locale.ROOT));
  }
}
