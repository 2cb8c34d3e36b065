package dev.perstack.image.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NpmInstallTest {
  private static final List<NpmSpec> SPECS =
      List.of(
          NpmSpec.parse("@modelcontextprotocol/server-filesystem@2026.8.31"),
          NpmSpec.parse("left-pad@1.3.0"));

  @Test
  void installsExactVersionsWithoutScriptsAuditOrBinLinks() {
    assertThat(NpmInstall.command("npm", Path.of("/tmp/p"), SPECS))
        .containsSubsequence("npm", "install", "--prefix", "/tmp/p")
        .contains(
            "--ignore-scripts", "--no-audit", "--no-fund", "--save-exact", "--bin-links=false")
        .endsWith("@modelcontextprotocol/server-filesystem@2026.8.31", "left-pad@1.3.0");
  }

  @Nested
  class Failures {
    private final List<String> notFound =
        List.of(
            "npm error code E404",
            "npm error 404 Not Found - GET https://registry.npmjs.org/@modelcontextprotocol%2fserver-filesystem",
            "npm error A complete log of this run can be found in: /root/.npm/_logs/x.log");

    @Test
    void nameTheSpecNpmComplainsAbout() {
      assertThat(NpmInstall.culprit(SPECS, notFound))
          .isEqualTo("@modelcontextprotocol/server-filesystem@2026.8.31");
    }

    @Test
    void nameEverySpecWhenNpmNamesNone() {
      assertThat(NpmInstall.culprit(SPECS, List.of("npm error code ECONNRESET")))
          .isEqualTo("@modelcontextprotocol/server-filesystem@2026.8.31, left-pad@1.3.0");
    }

    @Test
    void carryNpmsErrorCode() {
      assertThat(NpmInstall.code(notFound)).isEqualTo("E404");
      assertThat(NpmInstall.code(List.of("npm ERR! code ETARGET"))).isEqualTo("ETARGET");
      assertThat(NpmInstall.code(List.of("killed"))).isEqualTo("npm failed");
    }

    @Test
    void suggestAFixForTheCode() {
      assertThat(NpmInstall.fix(notFound, SPECS)).contains("npm view");
      assertThat(NpmInstall.fix(List.of("npm error code ETARGET"), SPECS))
          .contains("npm view @modelcontextprotocol/server-filesystem versions");
      assertThat(NpmInstall.fix(List.of("npm error code EAI_AGAIN"), SPECS))
          .contains("network", "npm config get registry");
    }
  }
}
