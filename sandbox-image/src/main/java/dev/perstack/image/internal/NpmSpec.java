package dev.perstack.image.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A registry package spec as {@code npm install} takes it: a name and, optionally, a version, a
 * range or a dist-tag ({@code pkg}, {@code pkg@1.2.3}, {@code @scope/pkg@^1}). Aliases, URLs, git
 * and file specs are refused: they would not come from the registry with an integrity.
 */
public record NpmSpec(String name, Optional<String> version) {
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9.^~<>=|*+ -]{1,256}");

  public NpmSpec {
    NpmNames.requireName(name);
    Objects.requireNonNull(version, "version");
    version.ifPresent(
        v -> {
          if (!VERSION.matcher(v).matches() || !v.strip().equals(v)) {
            throw new IllegalArgumentException(
                "not an npm version, range or dist-tag of " + name + ": '" + v + "'");
          }
        });
  }

  /**
   * Parses {@code spec}.
   *
   * @throws IllegalArgumentException with a sentence saying what is wrong
   */
  public static NpmSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("an npm package spec is required");
    }
    if (spec.contains(":")) {
      throw new IllegalArgumentException(
          "only registry packages can be skills (name or name@version), not '" + spec + "'");
    }
    int at = spec.indexOf('@', 1);
    String name = at < 0 ? spec : spec.substring(0, at);
    if (!NpmNames.isName(name)) {
      throw new IllegalArgumentException(
          "not an npm package name in '" + spec + "' (name or name@version, e.g. pkg@1.2.3)");
    }
    return new NpmSpec(name, at < 0 ? Optional.empty() : Optional.of(spec.substring(at + 1)));
  }

  @Override
  public String toString() {
    return version.map(v -> name + "@" + v).orElse(name);
  }
}
