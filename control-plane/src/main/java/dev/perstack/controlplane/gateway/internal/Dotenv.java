package dev.perstack.controlplane.gateway.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dotenv files as the {@code dotenv} package does: {@code KEY=value} lines, optional {@code
 * export }, {@code #} comments, single quotes taken literally, double quotes with {@code \n}
 * escapes and several lines; a malformed line is skipped.
 */
public final class Dotenv {
  private static final Pattern LINE =
      Pattern.compile(
          "(?:^|^)\\s*(?:export\\s+)?([\\w.-]+)(?:\\s*=\\s*?|:\\s+?)(\\s*'(?:\\\\'|[^'])*'|\\s*\"(?:\\\\\"|[^\"])*\"|\\s*`(?:\\\\`|[^`])*`|[^#\\r\\n]+)?\\s*(?:#.*)?(?:$|$)",
          Pattern.MULTILINE);

  private Dotenv() {}

  /** The variables of {@code file}, or none when it does not exist. */
  public static Map<String, String> readIfExists(Path file) throws IOException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException missing) {
      return Map.of();
    }
  }

  /** The variables of dotenv text; a later definition of a name wins. */
  public static Map<String, String> parse(String text) {
    Map<String, String> variables = new LinkedHashMap<>();
    Matcher matcher = LINE.matcher(text.replace("\r\n", "\n").replace('\r', '\n'));
    while (matcher.find()) {
      String value = matcher.group(2) == null ? "" : matcher.group(2).trim();
      char quote = value.isEmpty() ? 0 : value.charAt(0);
      if ((quote == '\'' || quote == '"' || quote == '`')
          && value.length() >= 2
          && value.charAt(value.length() - 1) == quote) {
        value = value.substring(1, value.length() - 1);
        if (quote == '"') {
          value = value.replace("\\n", "\n").replace("\\r", "\r");
        }
      }
      variables.put(matcher.group(1), value);
    }
    return variables;
  }
}
