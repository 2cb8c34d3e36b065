package dev.perstack.controlplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads what the expert's tools returned out of stored {@code resolveToolResults} events. */
final class ToolOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolOutput() {}

  /** Every string inside the events' tool results, JSON-in-strings unpacked, one per line. */
  static String text(String eventsJson) {
    List<String> out = new ArrayList<>();
    for (String line : eventsJson.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        collect(JSON.readTree(line).path("toolResults"), out);
      } catch (Exception e) {
        out.add(line);
      }
    }
    return String.join("\n", out);
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      String text = node.asText();
      if (text.startsWith("{")) {
        try {
          collect(JSON.readTree(text), out);
          return;
        } catch (Exception notJson) {
          // Plain text that starts with a brace.
        }
      }
      out.add(text);
    } else {
      node.forEach(child -> collect(child, out));
    }
  }
}
