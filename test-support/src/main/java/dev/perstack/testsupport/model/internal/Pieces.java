package dev.perstack.testsupport.model.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits content into the deltas a stream sends, so that clients must reassemble them. */
final class Pieces {
  private static final Pattern BEFORE_SPACE_AFTER_WORD = Pattern.compile("(?<=\\S)(?=\\s)");
  private static final int FRAGMENT_LENGTH = 8;

  private Pieces() {}

  /** "Hello big world" becomes "Hello", " big", " world"; empty text has no pieces. */
  static List<String> words(String text) {
    return text.isEmpty() ? List.of() : List.of(BEFORE_SPACE_AFTER_WORD.split(text, -1));
  }

  /** Fragments of at most eight characters, as providers cut tool arguments mid-token. */
  static List<String> fragments(String text) {
    List<String> fragments = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + FRAGMENT_LENGTH);
      // Never split a surrogate pair: each fragment must be valid text on its own.
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      fragments.add(text.substring(start, end));
      start = end;
    }
    return fragments;
  }
}
