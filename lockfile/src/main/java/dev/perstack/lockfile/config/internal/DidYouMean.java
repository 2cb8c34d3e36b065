package dev.perstack.lockfile.config.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Suggests the known word closest to a misspelt one. */
final class DidYouMean {
  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private DidYouMean() {}

  /** The closest candidate, if one is close enough to be a plausible typo. */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    if (typed.length() < 3) {
      // Any short word is "close" to any other; a hint there is noise.
      return Optional.empty();
    }
    String lower = typed.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(3, typed.length() / 3));
    return candidates.stream()
        .filter(c -> distance(lower, c) <= limit)
        .min(Comparator.comparingInt((String c) -> distance(lower, c)).thenComparing(c -> c));
  }

  private static int distance(String lowerTyped, String candidate) {
    return DISTANCE.apply(lowerTyped, candidate.toLowerCase(Locale.ROOT));
  }

  /** {@code " Did you mean `x`?"} or nothing. */
  static String hint(String typed, Collection<String> candidates) {
    return closest(typed, candidates).map(c -> "did you mean `" + c + "`?").orElse("");
  }
}
