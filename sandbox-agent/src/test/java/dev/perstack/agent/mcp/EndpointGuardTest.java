package dev.perstack.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.agent.skill.SkillException;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointGuardTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "127.0.0.1, loopback",
    "127.1.2.3, loopback",
    "::1, loopback",
    "0.0.0.0, wildcard",
    "::, wildcard",
    "10.1.2.3, private",
    "172.16.0.1, private",
    "172.31.255.255, private",
    "192.168.1.1, private",
    "169.254.169.254, link-local",
    "fe80::1, link-local",
    "fc00::1, unique local",
    "fd12:3456::1, unique local",
    "224.0.0.1, multicast",
    "ff02::1, multicast",
    "100.64.0.1, shared",
    "0.1.2.3, this-network",
    "198.18.0.1, benchmarking",
    "240.0.0.1, reserved",
    "::ffff:127.0.0.1, loopback",
    "::ffff:10.0.0.1, private",
    "::127.0.0.1, loopback (embedded in IPv6)",
    "::ffff:0:a9fe:a9fe, link-local",
    "64:ff9b::7f00:1, loopback (embedded in IPv6)",
    "2002:c0a8:101::1, private (embedded in IPv6)"
  })
  void refusesANonPublicAddress(String address, String reason) throws Exception {
    assertThat(EndpointGuard.nonPublicReason(InetAddress.getByName(address)))
        .hasValueSatisfying(r -> assertThat(r).startsWith(reason));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "1.1.1.1",
        "172.32.0.1",
        "100.128.0.1",
        "2606:4700::1111",
        "::ffff:8.8.8.8"
      })
  void acceptsAPublicAddress(String address) throws Exception {
    assertThat(EndpointGuard.nonPublicReason(InetAddress.getByName(address))).isEmpty();
  }

  @Test
  void refusesAHostNameThatResolvesToLoopback() {
    assertThatThrownBy(
            () -> EndpointGuard.requirePublic("remote", URI.create("https://localhost:8443/mcp")))
        .isInstanceOf(SkillException.class)
        .hasMessageContaining("skill remote")
        .hasMessageContaining("loopback");
  }

  @Test
  void refusesABracketedIpv6Literal() {
    assertThatThrownBy(() -> EndpointGuard.requirePublic("remote", URI.create("https://[::1]/mcp")))
        .hasMessageContaining("loopback");
  }

  @Test
  void acceptsAPublicLiteral() {
    assertThatCode(() -> EndpointGuard.requirePublic("remote", URI.create("https://8.8.8.8/mcp")))
        .doesNotThrowAnyException();
  }
}
