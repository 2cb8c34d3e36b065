package dev.perstack.lockfile.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicEndpointsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://mcp.example.com/sse",
        "https://mcp.example.com:8443/sse?x=1",
        "https://8.8.8.8/sse",
        "https://[2606:4700:4700::1111]/sse",
        "https://Example.COM./sse",
      })
  void acceptsPublicHttpsEndpoints(String url) {
    assertThat(PublicEndpoints.whyNotPublicHttps(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://mcp.example.com/sse",
        "wss://mcp.example.com/sse",
        "mcp.example.com/sse",
        "https://localhost/sse",
        "https://LOCALHOST./sse",
        "https://api.localhost/sse",
        "https://printer.local/sse",
        "https://metadata.google.internal/sse",
        "https://intranet/sse",
        "https://127.0.0.1/sse",
        "https://127.8.9.10/sse",
        "https://0.0.0.0/sse",
        "https://10.0.0.1/sse",
        "https://172.16.0.1/sse",
        "https://172.31.255.255/sse",
        "https://192.168.1.20/sse",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/sse",
        "https://224.0.0.1/sse",
        "https://255.255.255.255/sse",
        "https://2130706433/sse",
        "https://0x7f000001/sse",
        "https://0177.0.0.1/sse",
        "https://127.1/sse",
        "https://0xc0.0xa8.1.20/sse",
        "https://[::1]/sse",
        "https://[::]/sse",
        "https://[fe80::1]/sse",
        "https://[fc00::1]/sse",
        "https://[fd12:3456::1]/sse",
        "https://[fec0::1]/sse",
        "https://[ff02::1]/sse",
        "https://[::ffff:192.168.1.20]/sse",
        "https://[::ffff:7f00:1]/sse",
        "https://[::127.0.0.1]/sse",
        "https://[64:ff9b::10.0.0.1]/sse",
        "https://[2002:c0a8:0114::1]/sse",
        "https://[2001:db8::1]/sse",
        "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/sse",
        "https://user:pw@mcp.example.com/sse",
        "https://mcp.example.com@127.0.0.1/sse",
        "https://exa mple.com/sse",
      })
  void refusesEverythingThatIsNotAPublicHttpsHost(String url) {
    assertThat(PublicEndpoints.whyNotPublicHttps(url)).as(url).isPresent();
  }
}
