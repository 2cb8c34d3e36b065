package dev.perstack.controlplane.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses every {@code /api} request without the right bearer token, saying nothing more. */
public class BearerTokenFilter {
  private final ApiToken token;

  BearerTokenFilter(ApiToken token) {
    this.token = token;
  }

  @ServerRequestFilter(preMatching = true)
  public Optional<Response> check(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/api")) {
      return Optional.empty();
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    String presented =
        header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
    if (token.matches(presented)) {
      return Optional.empty();
    }
    return Optional.of(
        Response.fromResponse(
                Problem.response(
                    401,
                    "Unauthorized",
                    "send the API token as `Authorization: Bearer <token>`; `perstack serve` says"
                        + " where it is stored",
                    List.of()))
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
            .build());
  }
}
