package dev.perstack.testsupport.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PiecesTest {

  @Nested
  class Words {
    @Test
    void keepTheSpaceBeforeEachWordSoPiecesJoinBackToTheText() {
      assertThat(Pieces.words("Hello big  world\n"))
          .containsExactly("Hello", " big", "  world", "\n");
      assertThat(String.join("", Pieces.words("  leading space"))).isEqualTo("  leading space");
    }

    @Test
    void emptyTextHasNoPieces() {
      assertThat(Pieces.words("")).isEmpty();
    }
  }

  @Nested
  class Fragments {
    @Test
    void areAtMostEightCharactersAndJoinBack() {
      String arguments = "{\"path\":\"docs/very/long/name.txt\"}";

      assertThat(Pieces.fragments(arguments))
          .allSatisfy(piece -> assertThat(piece).hasSizeLessThanOrEqualTo(8));
      assertThat(String.join("", Pieces.fragments(arguments))).isEqualTo(arguments);
    }

    @Test
    void neverSplitASurrogatePair() {
      String arguments = "{\"a\":\"x\uD83D\uDE00\"}"; // the pair straddles characters 8 and 9

      assertThat(Pieces.fragments(arguments))
          .allSatisfy(
              piece ->
                  assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1)))
                      .isFalse());
      assertThat(String.join("", Pieces.fragments(arguments))).isEqualTo(arguments);
    }
  }
}
