package dev.perstack.lockfile.config.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a URL names a public https server, refusing loopback, private, link-local and
 * other special-purpose addresses however they are spelt (numeric tricks, IPv4 inside IPv6).
 *
 * <p>This is a static check of the text; a public name that resolves to a private address is the
 * network layer's to refuse at connect time.
 */
public final class PublicEndpoints {
  private PublicEndpoints() {}

  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  /** Hosts written with only digits, dots and hex that some URL parsers turn into addresses. */
  private static final Pattern NUMERIC_LOOKING =
      Pattern.compile("(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+))*\\.?");

  private static final List<String> LOCAL_SUFFIXES =
      List.of(".localhost", ".local", ".internal", ".home.arpa", ".lan", ".localdomain");

  /** IPv4 blocks that are not public unicast (IANA special-purpose registry), as base/prefix. */
  private static final int[][] NON_PUBLIC_V4 = {
    {0x00000000, 8}, // "this network"
    {0x0A000000, 8}, // RFC 1918
    {0x64400000, 10}, // carrier-grade NAT
    {0x7F000000, 8}, // loopback
    {0xA9FE0000, 16}, // link-local
    {0xAC100000, 12}, // RFC 1918
    {0xC0000000, 24}, // IETF protocol assignments
    {0xC0000200, 24}, // documentation
    {0xC0586300, 24}, // 6to4 relay anycast
    {0xC0A80000, 16}, // RFC 1918
    {0xC6120000, 15}, // benchmarking
    {0xC6336400, 24}, // documentation
    {0xCB007100, 24}, // documentation
    {0xE0000000, 4}, // multicast
    {0xF0000000, 4}, // reserved and broadcast
  };

  /**
   * Why {@code url} is not a public https endpoint, or empty when it is.
   *
   * @return a reason that completes the sentence "the endpoint ..."
   */
  public static Optional<String> whyNotPublicHttps(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL (" + e.getReason() + ")");
    }
    if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("https")) {
      return Optional.of(
          "must use https, not " + (uri.getScheme() == null ? "no scheme" : uri.getScheme()));
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("contains a user-info part (`...@`), which hides the real host");
    }
    if (uri.getHost() == null) {
      return Optional.of("has no valid host name");
    }
    return whyNotPublicHost(uri.getHost());
  }

  /** Why a host (name or literal, IPv6 in brackets) is not public, or empty when it is. */
  static Optional<String> whyNotPublicHost(String rawHost) {
    String host = rawHost.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      return classifyLiteral(host.substring(1, host.length() - 1), rawHost);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (NUMERIC_LOOKING.matcher(host).matches()) {
      if (!DOTTED_QUAD.matcher(host).matches()) {
        return Optional.of(
            "writes an IP address in an unusual numeric form (`"
                + rawHost
                + "`); use a public host"
                + " name or a plain dotted address");
      }
      return classifyLiteral(host, rawHost);
    }
    if (host.equals("localhost") || LOCAL_SUFFIXES.stream().anyMatch(host::endsWith)) {
      return Optional.of("names a local host (`" + rawHost + "`)");
    }
    if (!host.contains(".")) {
      return Optional.of("names a single-label host (`" + rawHost + "`), which is never public");
    }
    return Optional.empty();
  }

  private static Optional<String> classifyLiteral(String text, String rawHost) {
    try {
      // Only ever called with an IP literal (checked by the URI parser or DOTTED_QUAD), so no name
      // lookup happens here.
      return whyNotPublic(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.of("has an invalid IP address (`" + rawHost + "`)");
    }
  }

  private static Optional<String> whyNotPublic(InetAddress address) {
    if (address instanceof Inet4Address v4) {
      return isPublic(v4.getAddress())
          ? Optional.empty()
          : Optional.of("points at a non-public address (" + v4.getHostAddress() + ")");
    }
    byte[] b = address.getAddress();
    Optional<byte[]> embedded = embeddedV4((Inet6Address) address, b);
    if (embedded.isPresent()) {
      return isPublic(embedded.get())
          ? Optional.empty()
          : Optional.of(
              "points at a non-public IPv4 address inside an IPv6 one ("
                  + address.getHostAddress()
                  + ")");
    }
    int first = b[0] & 0xFF;
    boolean nonPublic =
        address.isAnyLocalAddress()
            || address.isLoopbackAddress()
            || address.isLinkLocalAddress()
            || address.isSiteLocalAddress()
            || address.isMulticastAddress()
            || (first & 0xFE) == 0xFC // unique local fc00::/7
            || (first == 0x20 && b[1] == 0x01 && b[2] == 0x0D && (b[3] & 0xFF) == 0xB8)
            || (first == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) // Teredo
            || (first == 0x01 && b[1] == 0 && allZero(b, 2, 8)) // discard 100::/64
            || (first == 0 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && b[3] == (byte) 0x9B);
    return nonPublic
        ? Optional.of("points at a non-public address (" + address.getHostAddress() + ")")
        : Optional.empty();
  }

  /** The IPv4 address carried by IPv4-compatible, NAT64 and 6to4 IPv6 addresses. */
  private static Optional<byte[]> embeddedV4(Inet6Address address, byte[] b) {
    if (address.isIPv4CompatibleAddress() && !allZero(b, 12, 16)) {
      return Optional.of(new byte[] {b[12], b[13], b[14], b[15]});
    }
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B;
    if (nat64 && allZero(b, 4, 12)) {
      return Optional.of(new byte[] {b[12], b[13], b[14], b[15]});
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return Optional.of(new byte[] {b[2], b[3], b[4], b[5]});
    }
    return Optional.empty();
  }

  private static boolean isPublic(byte[] v4) {
    int value =
        ((v4[0] & 0xFF) << 24) | ((v4[1] & 0xFF) << 16) | ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
    for (int[] block : NON_PUBLIC_V4) {
      int mask = -1 << (32 - block[1]);
      if ((value & mask) == block[0]) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
