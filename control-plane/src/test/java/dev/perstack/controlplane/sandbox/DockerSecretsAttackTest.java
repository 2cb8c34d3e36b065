package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An expert looks for the control plane's provider keys inside its container. */
class DockerSecretsAttackTest extends SandboxAttacks {

  @Test
  void providerKeysAreInNoProcessEnvironmentOfTheSandbox() throws Exception {
    String output =
        attack(
            "for f in /proc/[0-9]*/environ; do echo \"== $f\"; tr '\\0' '\\n' < $f; echo; done;"
                + " echo '== env'; env; echo '== end'");

    assertThat(output)
        .contains("== /proc/1/environ", "PERSTACK_WORKSPACE=/workspace", "== end")
        .doesNotContain(SECRET, "OPENAI_API_KEY", "ANTHROPIC_API_KEY");
  }

  @Test
  void providerKeysAreInNoFileTheSandboxCanRead() throws Exception {
    String output =
        attack(
            "grep -rsl -e sk-test -e _API_KEY / --exclude-dir=proc --exclude-dir=sys"
                + " --exclude-dir=usr --exclude-dir=app; echo searched");

    assertThat(output).contains("searched").doesNotContain(SECRET);
  }
}
