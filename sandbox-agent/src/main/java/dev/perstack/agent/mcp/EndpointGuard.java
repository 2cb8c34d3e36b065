package dev.perstack.agent.mcp;

import dev.perstack.agent.skill.SkillException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Refuses remote MCP endpoints whose host resolves to a non-public address.
 *
 * <p>A name that passed the loader's checks can still resolve to {@code 127.0.0.1} or to the cloud
 * metadata address at run time (DNS rebinding), so every address the name resolves to is checked
 * when the skill starts and again before each call. The JVM caches successful look-ups (30 s by
 * default) and the HTTP client connects through the same cache, which narrows the window between
 * the check and the connection to a cache expiry.
 */
public final class EndpointGuard {
  private EndpointGuard() {}

  /**
   * Resolves the endpoint's host and throws unless every address is public.
   *
   * @throws SkillException naming the host, the address and why it is refused
   */
  public static void requirePublic(String skillName, URI endpoint) throws SkillException {
    String host = endpoint.getHost();
    if (host == null || host.isEmpty()) {
      throw new SkillException(skillName, "endpoint " + endpoint + " has no host");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new SkillException(skillName, "cannot resolve the endpoint's host " + host, e);
    }
    for (InetAddress address : addresses) {
      Optional<String> reason = nonPublicReason(address);
      if (reason.isPresent()) {
        throw new SkillException(
            skillName,
            "endpoint "
                + endpoint
                + " resolves to "
                + address.getHostAddress()
                + ", a "
                + reason.get()
                + " address; remote MCP skills must use public addresses");
      }
    }
  }

  /** Why an address is not public (such as {@code loopback}), or empty when it is public. */
  public static Optional<String> nonPublicReason(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return Optional.of("wildcard");
    }
    if (address.isLoopbackAddress()) {
      return Optional.of("loopback");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("link-local");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("private");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return ipv4Reason(bytes);
    }
    if (address instanceof Inet6Address) {
      if ((bytes[0] & 0xfe) == 0xfc) {
        return Optional.of("unique local (fc00::/7)");
      }
      Optional<byte[]> embedded = embeddedIpv4(bytes);
      if (embedded.isPresent()) {
        try {
          return nonPublicReason(InetAddress.getByAddress(embedded.get()))
              .map(reason -> reason + " (embedded in IPv6)");
        } catch (UnknownHostException e) {
          return Optional.of("malformed");
        }
      }
    }
    return Optional.empty();
  }

  /** IPv4 ranges the JDK's predicates miss: 0/8, shared 100.64/10, 192.0.0/24, 198.18/15, 240/4. */
  private static Optional<String> ipv4Reason(byte[] b) {
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if (first == 0) {
      return Optional.of("this-network (0.0.0.0/8)");
    }
    if (first == 100 && (second & 0xc0) == 64) {
      return Optional.of("shared (100.64.0.0/10)");
    }
    if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
      return Optional.of("protocol assignment (192.0.0.0/24)");
    }
    if (first == 198 && (second & 0xfe) == 18) {
      return Optional.of("benchmarking (198.18.0.0/15)");
    }
    if (first >= 240) {
      return Optional.of("reserved (240.0.0.0/4)");
    }
    return Optional.empty();
  }

  /**
   * The IPv4 address inside an IPv6 one that reaches it: IPv4-compatible {@code ::a.b.c.d},
   * IPv4-mapped {@code ::ffff:a.b.c.d} (the JDK usually turns these into IPv4 already),
   * IPv4-translated {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d} and 6to4 {@code
   * 2002:abcd:...}.
   */
  private static Optional<byte[]> embeddedIpv4(byte[] b) {
    byte[] zeros = new byte[12];
    boolean compatibleOrMapped =
        Arrays.equals(b, 0, 10, zeros, 0, 10)
            && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff));
    boolean translated =
        Arrays.equals(b, 0, 8, zeros, 0, 8)
            && b[8] == (byte) 0xff
            && b[9] == (byte) 0xff
            && b[10] == 0
            && b[11] == 0;
    byte[] nat64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    if (compatibleOrMapped || translated || Arrays.equals(b, 0, 12, nat64, 0, 12)) {
      return Optional.of(Arrays.copyOfRange(b, 12, 16));
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return Optional.of(Arrays.copyOfRange(b, 2, 6));
    }
    return Optional.empty();
  }
}
