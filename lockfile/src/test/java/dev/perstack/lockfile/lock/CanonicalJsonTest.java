package dev.perstack.lockfile.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void sortsKeysAtEveryLevelAndLeavesNoWhitespace() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1L);
    inner.put("a", List.of(true, 2.5, "s"));
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("b", inner);
    tree.put("a", null);

    assertThat(CanonicalJson.write(tree))
        .isEqualTo("{\"a\":null,\"b\":{\"a\":[true,2.5,\"s\"],\"z\":1}}");
  }

  @Test
  void writesAJacksonTreeTheSameWayAsTheEqualPlainTree() {
    Map<String, Object> element = new LinkedHashMap<>();
    element.put("y", 1L);
    element.put("x", null);
    Map<String, Object> plain = new LinkedHashMap<>();
    plain.put("b", List.of(element));
    plain.put("a", "\u00e9\n");

    String fromJackson =
        CanonicalJson.write(
            LockFixtures.json("{ \"b\" : [ {\"y\":1, \"x\":null} ], \"a\": \"\\u00e9\\n\" }"));

    assertThat(fromJackson)
        .isEqualTo("{\"a\":\"\u00e9\\n\",\"b\":[{\"x\":null,\"y\":1}]}")
        .isEqualTo(CanonicalJson.write(plain));
  }

  @Test
  void digestsTheUtf8BytesAsSha256Hex() {
    assertThat(CanonicalJson.sha256("{}"))
        .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  }

  @Test
  void refusesNumbersJsonCannotHold() {
    assertThatThrownBy(() -> CanonicalJson.write(Map.of("x", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
