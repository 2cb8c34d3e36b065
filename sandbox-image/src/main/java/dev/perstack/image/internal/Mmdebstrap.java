package dev.perstack.image.internal;

import dev.perstack.image.BaseImageRecipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The {@code mmdebstrap} command line for a base image (a tarball on stdout) and what its {@code
 * I:} lines say about progress.
 */
public final class Mmdebstrap {
  /** Paths that no sandbox needs; copyright files stay. */
  static final List<String> DPKG_OPTIONS =
      List.of(
          "path-exclude=/usr/share/doc/*",
          "path-include=/usr/share/doc/*/copyright",
          "path-exclude=/usr/share/man/*",
          "path-exclude=/usr/share/info/*",
          "path-exclude=/usr/share/locale/*",
          "path-include=/usr/share/locale/locale.alias",
          "path-exclude=/usr/include/*",
          "path-exclude=/usr/lib/*.a");

  /** Progress of the whole base build (0-90) after each {@code I:} line that starts a phase. */
  private static final Map<String, Integer> PHASES =
      Map.of(
          "I: running apt-get update", 3,
          "I: downloading packages", 8,
          "I: extracting archives", 35,
          "I: installing essential packages", 42,
          "I: installing remaining packages", 55,
          "I: cleaning package lists", 80,
          "I: creating tarball", 82,
          "I: success", 95);

  private Mmdebstrap() {}

  /**
   * The command: {@code executable} builds {@code recipe} from the {@code deb} lines and writes an
   * uncompressed tarball of the tree to stdout.
   */
  public static List<String> command(
      String executable, BaseImageRecipe recipe, List<String> debLines) {
    if (debLines.isEmpty()) {
      throw new IllegalArgumentException("mmdebstrap needs at least one 'deb' line");
    }
    List<String> c = new ArrayList<>();
    c.add(executable);
    c.add("--variant=" + recipe.variant());
    c.add("--include=" + String.join(",", recipe.packages()));
    c.add("--format=tar");
    // The JRE's post-install links its man pages; the minimal variants lack the directory.
    c.add("--setup-hook=mkdir -p \"$1/usr/share/man/man1\"");
    for (String option : DPKG_OPTIONS) {
      c.add("--dpkgopt=" + option);
    }
    c.add(recipe.suite());
    c.add("-");
    c.addAll(debLines);
    return List.copyOf(c);
  }

  /** How far the base build is once {@code line} was printed, when the line starts a phase. */
  public static OptionalInt percentAfter(String line) {
    for (Map.Entry<String, Integer> phase : PHASES.entrySet()) {
      if (line.startsWith(phase.getKey())) {
        return OptionalInt.of(phase.getValue());
      }
    }
    return OptionalInt.empty();
  }

  /** Whether {@code line} says that the tree is being written out (the import starts). */
  public static boolean startsTarball(String line) {
    return line.startsWith("I: creating tarball");
  }

  /** A fix for what the last lines of a failed run show. */
  public static String fixFor(List<String> tail, String sourcesFile) {
    String all = String.join("\n", tail);
    if (all.contains("Temporary failure resolving")
        || all.contains("Could not resolve")
        || all.contains("Failed to fetch")
        || all.contains("Unable to connect")) {
      return "the Debian mirror named in "
          + sourcesFile
          + " cannot be reached: check the network and that file's URIs, then build again";
    }
    if (all.contains("Unable to locate package") || all.contains("has no installation candidate")) {
      return "a package of the recipe does not exist in this suite: correct the recipe's packages";
    }
    if (all.contains("unshare") || all.contains("root")) {
      return "run as root, or let unprivileged users create user namespaces"
          + " (sysctl kernel.unprivileged_userns_clone=1) so mmdebstrap can use --mode=unshare";
    }
    if (all.contains("No space left")) {
      return "free disk space in the temporary directory (about 1.5 GB are needed) or set TMPDIR";
    }
    return "run the command shown by hand to see its full output";
  }
}
