package dev.perstack.image.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the host's apt sources into the one-line {@code deb} entries that {@code mmdebstrap} needs
 * (it finds no mirror by itself when only a deb822 {@code .sources} file exists). Suites are moved
 * to the wanted release: {@code stable-updates} for {@code bookworm} becomes {@code
 * bookworm-updates}.
 */
public final class AptSources {
  private AptSources() {}

  /** The {@code deb} lines for {@code suite} from a {@code .sources} (deb822) or one-line file. */
  public static List<String> debLines(Path file, String suite) throws IOException {
    String text = Files.readString(file);
    List<String> lines =
        file.getFileName().toString().endsWith(".sources")
            ? fromDeb822(text, suite)
            : fromOneLine(text, suite);
    return lines;
  }

  /** The {@code deb} lines of a deb822 text, moved to {@code suite}. */
  public static List<String> fromDeb822(String text, String suite) {
    List<String> out = new ArrayList<>();
    for (Map<String, String> stanza : stanzas(text)) {
      String types = stanza.getOrDefault("types", "");
      String enabled = stanza.getOrDefault("enabled", "yes").trim().toLowerCase(Locale.ROOT);
      if (!List.of(types.trim().split("\\s+")).contains("deb") || enabled.equals("no")) {
        continue;
      }
      String signedBy = stanza.getOrDefault("signed-by", "").trim();
      String options =
          signedBy.startsWith("/") && !signedBy.contains("\n") && !signedBy.contains(" ")
              ? "[signed-by=" + signedBy + "] "
              : "";
      String components = String.join(" ", words(stanza.getOrDefault("components", "main")));
      for (String uri : words(stanza.getOrDefault("uris", ""))) {
        for (String s : words(stanza.getOrDefault("suites", ""))) {
          out.add("deb " + options + uri + " " + moveSuite(s, suite) + " " + components);
        }
      }
    }
    return List.copyOf(out);
  }

  /** The {@code deb} lines of a classic {@code sources.list} text, moved to {@code suite}. */
  public static List<String> fromOneLine(String text, String suite) {
    List<String> out = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (!line.startsWith("deb ")) {
        continue;
      }
      List<String> parts = new ArrayList<>(words(line));
      int at = 1;
      if (parts.size() > 1 && parts.get(1).startsWith("[")) {
        while (at < parts.size() && !parts.get(at).endsWith("]")) {
          at++;
        }
        at++;
      }
      if (parts.size() < at + 2) {
        continue;
      }
      parts.set(at + 1, moveSuite(parts.get(at + 1), suite));
      out.add(String.join(" ", parts));
    }
    return List.copyOf(out);
  }

  static String moveSuite(String hostSuite, String suite) {
    int dash = hostSuite.indexOf('-');
    int slash = hostSuite.indexOf('/');
    int cut = dash < 0 ? slash : slash < 0 ? dash : Math.min(dash, slash);
    return cut < 0 ? suite : suite + hostSuite.substring(cut);
  }

  private static List<Map<String, String>> stanzas(String text) {
    List<Map<String, String>> stanzas = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    String lastKey = null;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          stanzas.add(current);
          current = new LinkedHashMap<>();
        }
        lastKey = null;
      } else if (Character.isWhitespace(line.charAt(0)) && lastKey != null) {
        current.merge(lastKey, "\n" + line.strip(), String::concat);
      } else {
        int colon = line.indexOf(':');
        if (colon > 0) {
          lastKey = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
          current.put(lastKey, line.substring(colon + 1).strip());
        }
      }
    }
    if (!current.isEmpty()) {
      stanzas.add(current);
    }
    return stanzas;
  }

  private static List<String> words(String s) {
    String t = s.strip();
    return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
  }
}
