package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An expert tries to reach the network, the host's engine or the cloud's metadata service. */
class DockerNetworkAttackTest extends SandboxAttacks {

  @Test
  void theOnlyNetworkInterfaceIsLoopback() throws Exception {
    String output =
        attack("echo \"ifaces: $(ls /sys/class/net | tr '\\n' ' ')\"; cat /proc/net/dev");

    assertThat(lines(output)).contains("ifaces: lo");
    assertThat(lines(output).stream().filter(l -> l.matches("^[a-z0-9]+:\\s+\\d.*")))
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith("lo:"));
  }

  @Test
  void noAddressOutsideTheContainerCanBeReached() throws Exception {
    String output =
        attack(
            "node -e '"
                + "const net = require(\"net\");"
                + "for (const [host, port] of [[\"1.1.1.1\", 443], [\"8.8.8.8\", 53],"
                + " [\"172.17.0.1\", 2375], [\"169.254.169.254\", 80], [\"10.0.0.1\", 80]]) {"
                + "  const s = net.connect({host, port, timeout: 3000});"
                + "  s.on(\"connect\", () => { console.log(\"CONNECTED\", host); s.destroy(); });"
                + "  s.on(\"error\", e => console.log(\"REFUSED\", host, e.code));"
                + "  s.on(\"timeout\", () => { console.log(\"TIMEOUT\", host); s.destroy(); });"
                + "}'; getent hosts example.com || echo NO-DNS");

    assertThat(output)
        .contains(
            "REFUSED 1.1.1.1 ENETUNREACH",
            "REFUSED 8.8.8.8 ENETUNREACH",
            "REFUSED 172.17.0.1 ENETUNREACH",
            "REFUSED 169.254.169.254 ENETUNREACH",
            "NO-DNS")
        .doesNotContain("CONNECTED");
  }

  @Test
  void noDockerSocketCanBeFound() throws Exception {
    String output =
        attack(
            "ls -l /var/run/docker.sock /run/docker.sock 2>&1; echo \"host=[$DOCKER_HOST]\";"
                + " echo sockets:; find / \\( -path /proc -o -path /sys \\) -prune -o -type s"
                + " -print 2>/dev/null; echo end");

    assertThat(output).contains("No such file or directory", "host=[]");
    String sockets = output.substring(output.indexOf("sockets:"), output.indexOf("\nend"));
    assertThat(lines(sockets)).containsExactly("sockets:", "/run/perstack/agent.sock");
  }
}
