package dev.perstack.lockfile.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainPatternsTest {

  @Test
  void normalisesCaseAndOneTrailingDot() {
    assertThat(DomainPatterns.check("API.GitHub.com.").normalized()).isEqualTo("api.github.com");
    assertThat(DomainPatterns.check("*.Example.com").ok()).isTrue();
  }

  @Test
  void refusesPunycodeInAnyLabel() {
    assertThat(DomainPatterns.check("xn--80ak6aa92e.com").refusal()).contains("punycode");
    assertThat(DomainPatterns.check("shop.XN--p1ai").refusal()).contains("punycode");
  }

  @Test
  void refusesWildcardsAnywhereButTheFront() {
    assertThat(DomainPatterns.check("api.*.example.com").ok()).isFalse();
    assertThat(DomainPatterns.check("*example.com").ok()).isFalse();
  }
}
