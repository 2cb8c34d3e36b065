package dev.perstack.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.agent.skill.ProtectedVariables;
import dev.perstack.lockfile.config.internal.EnvNames;
import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The loader and the agent keep their own lists of protected environment variables (neither module
 * may depend on the other), and must refuse the same names: the loader to say so with a position,
 * the agent because the job spec crosses a trust boundary.
 */
class ProtectedVariablesAgreementTest {
  @Test
  void theLoaderAndTheAgentRefuseTheSameNames() throws ReflectiveOperationException {
    Set<String> names = new TreeSet<>();
    names.addAll(constant(EnvNames.class, "PROTECTED"));
    names.addAll(constant(ProtectedVariables.class, "NAMES"));
    names.addAll(
        Set.of(
            "LD_BIND_NOW", "ld_preload", "LDX", "DYLD_X", "dyld", "API_TOKEN", "PATHS", "GCONV"));
    Set<String> lowerCase = new TreeSet<>();
    names.forEach(name -> lowerCase.add(name.toLowerCase(Locale.ROOT)));
    names.addAll(lowerCase);

    for (String name : names) {
      assertThat(ProtectedVariables.isProtected(name))
          .as(name)
          .isEqualTo(EnvNames.isProtected(name));
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<String> constant(Class<?> owner, String name)
      throws ReflectiveOperationException {
    Field field = owner.getDeclaredField(name);
    field.setAccessible(true);
    return (Set<String>) field.get(null);
  }
}
