package dev.perstack.lockfile.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An expert's key: an optional {@code @scope/}, a lower-case name, and an optional {@code @semver}
 * or {@code @tag}, for example {@code @acme/triage@1.2.0}.
 */
public record ExpertKey(
    String value, Optional<String> scope, String name, Optional<String> version) {

  /** Longest key the reference allows. */
  public static final int MAX_LENGTH = 511;

  private static final String SEMVER =
      "(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)(?:-[\\w.-]+)?(?:\\+[\\w.-]+)?";
  private static final Pattern GRAMMAR =
      Pattern.compile(
          "^(?:@(?<scope>[a-z0-9][a-z0-9_.-]*)/)?(?<name>[a-z0-9][a-z0-9_.-]*)"
              + "(?:@(?<version>"
              + SEMVER
              + "|[a-z0-9][a-z0-9_.-]*))?$");

  public ExpertKey {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }

  /** Parses a key, or says nothing when it does not follow the grammar. */
  public static Optional<ExpertKey> parse(String value) {
    if (value.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    Matcher m = GRAMMAR.matcher(value);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new ExpertKey(
            value,
            Optional.ofNullable(m.group("scope")),
            m.group("name"),
            Optional.ofNullable(m.group("version"))));
  }

  /** The key without its version or tag, for example {@code @acme/triage}. */
  public String unversioned() {
    return scope.map(s -> "@" + s + "/").orElse("") + name;
  }

  /** The name a parent sees this expert under as a delegate tool: the last path segment. */
  public String delegateToolName() {
    return name;
  }

  @Override
  public String toString() {
    return value;
  }
}
