package dev.perstack.lockfile.config.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Provider {@code baseUrl} rules: https, or plain http to a loopback host (local gateways and test
 * servers); ollama may use plain http anywhere.
 */
final class ProviderUrls {
  private ProviderUrls() {}

  private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

  /** Why {@code url} cannot be a base URL, or empty when it can. */
  static Optional<String> whyNotUsable(String url, boolean plainHttpAnywhere) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      return Optional.of("must be an absolute http(s) URL with a host");
    }
    if (scheme.equals("https") || plainHttpAnywhere || isLoopback(uri.getHost())) {
      return Optional.empty();
    }
    return Optional.of("uses plain http to a host that is not loopback");
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || LOOPBACK_V4.matcher(h).matches()) {
      return true;
    }
    if (h.startsWith("[")) {
      try {
        return InetAddress.getByName(h.substring(1, h.length() - 1)).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
