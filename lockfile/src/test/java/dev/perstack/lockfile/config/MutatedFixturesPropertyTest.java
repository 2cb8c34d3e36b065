package dev.perstack.lockfile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.perstack.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: whatever is done to a valid file (keys deleted, duplicated or retyped, lines swapped,
 * text truncated), the loader answers with a model or with {@link InvalidConfigException}, never
 * with another exception. Seeded, so a failure names the seed and the mutant that broke it.
 */
class MutatedFixturesPropertyTest {
  private static final int MUTANTS_PER_FIXTURE = 400;
  private static final long SEED = Long.getLong("perstack.property.seed", 20261126L);
  private static final String[] OTHER_VALUES = {
    "1",
    "-7",
    "3.5",
    "true",
    "\"text\"",
    "[]",
    "[1, \"a\"]",
    "{}",
    "{ a = 1 }",
    "1979-05-27",
    "\"\"",
    "'''raw'''",
    "[[1]]",
    "9223372036854775807",
    "inf",
    "nan",
    "\"xn--p1ai\"",
  };

  static Stream<Path> validFixtures() throws IOException {
    try (Stream<Path> files = Files.list(SharedFixtures.toml().resolve("valid"))) {
      return files.filter(f -> f.toString().endsWith(".toml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void loaderAnswersEveryMutantWithAModelOrItsTypedError(Path fixture) throws IOException {
    String original = Files.readString(fixture);
    Random random = new Random(SEED ^ fixture.getFileName().toString().hashCode());
    int refused = 0;
    for (int i = 0; i < MUTANTS_PER_FIXTURE; i++) {
      String mutant = mutate(original, random);
      try {
        PerstackConfigLoader.parse(mutant, "mutant.toml", LoadOptions.DEFAULT);
      } catch (InvalidConfigException expected) {
        refused++;
        assertThat(expected.errors()).isNotEmpty();
      } catch (RuntimeException | Error e) {
        fail(
            "mutant "
                + i
                + " of "
                + fixture.getFileName()
                + " (seed "
                + SEED
                + ") threw "
                + e
                + "\n---\n"
                + mutant,
            e);
      }
    }
    // The mutations must actually break files, or the property proves nothing.
    assertThat(refused).isGreaterThan(MUTANTS_PER_FIXTURE / 10);
  }

  private static String mutate(String text, Random random) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds && !lines.isEmpty(); r++) {
      int at = random.nextInt(lines.size());
      switch (random.nextInt(6)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, lines.get(at));
        case 2 -> lines.set(at, retype(lines.get(at), random));
        case 3 -> {
          int other = random.nextInt(lines.size());
          String line = lines.get(at);
          lines.set(at, lines.get(other));
          lines.set(other, line);
        }
        case 4 -> {
          String joined = String.join("\n", lines);
          return joined.substring(0, random.nextInt(joined.length() + 1));
        }
        default -> lines.set(at, insertJunk(lines.get(at), random));
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static String retype(String line, Random random) {
    int eq = line.indexOf('=');
    if (eq < 0) {
      return line;
    }
    return line.substring(0, eq + 1) + " " + OTHER_VALUES[random.nextInt(OTHER_VALUES.length)];
  }

  private static String insertJunk(String line, Random random) {
    String junks = "\"'[]{}=.,#\\\u0000\u00e9@/";
    String junk = String.valueOf(junks.charAt(random.nextInt(junks.length())));
    int at = random.nextInt(line.length() + 1);
    return line.substring(0, at) + junk + line.substring(at);
  }
}
