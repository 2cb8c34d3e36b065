package dev.perstack.image.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.image.ImageBuildException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The executable of an npm package, as {@code npx <package>} would pick it from {@code bin} in its
 * {@code package.json}: the string, or the entry named like the package without its scope, or the
 * only entry.
 */
public final class NpmBin {
  private NpmBin() {}

  /**
   * The normalised path of the package's executable inside its directory.
   *
   * @param manifest the package's {@code package.json}
   * @param where the file, for messages
   */
  public static String resolve(String name, JsonNode manifest, String where)
      throws ImageBuildException {
    JsonNode bin = manifest.path("bin");
    String path;
    if (bin.isTextual()) {
      path = bin.asText();
    } else if (bin.isObject() && bin.size() > 0) {
      path = pick(name, bin, where);
    } else {
      throw new ImageBuildException(
          "the npm package "
              + name
              + " has no executable ('bin' in its package.json), so it"
              + " cannot be an npx skill",
          where,
          "name the package that provides the MCP server's command in perstack.toml",
          null);
    }
    try {
      return NpmNames.normaliseBin(path);
    } catch (IllegalArgumentException e) {
      throw new ImageBuildException(
          "the executable of the npm package "
              + name
              + " is not a path inside the package: "
              + e.getMessage(),
          where,
          "use another version of the package or another package",
          e);
    }
  }

  private static String pick(String name, JsonNode bin, String where) throws ImageBuildException {
    String unscoped = NpmNames.unscoped(name);
    List<String> names = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = bin.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new ImageBuildException(
            "the executable '" + e.getKey() + "' of the npm package " + name + " is not a path",
            where,
            "use another version of the package or another package",
            null);
      }
      if (e.getKey().equals(unscoped)) {
        return e.getValue().asText();
      }
      names.add(e.getKey());
    }
    if (names.size() == 1) {
      return bin.get(names.get(0)).asText();
    }
    throw new ImageBuildException(
        "the npm package "
            + name
            + " has several executables "
            + names
            + " and none is named "
            + unscoped
            + ", so npx could not pick one",
        where,
        "name the package whose only executable is the MCP server in perstack.toml",
        null);
  }
}
