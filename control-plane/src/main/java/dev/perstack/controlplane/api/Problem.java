package dev.perstack.controlplane.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem-details body: what went wrong ({@code title}, {@code detail}), and each
 * reason with how to fix it ({@code errors}).
 */
public record Problem(String type, String title, int status, String detail, List<String> errors) {

  static Response response(int status, String title, String detail, List<String> errors) {
    return Response.status(status)
        .type("application/problem+json")
        .entity(new Problem("about:blank", title, status, detail, errors))
        .build();
  }

  static Response notFound(String detail) {
    return response(404, "Not Found", detail, List.of());
  }

  static Response badRequest(String detail, List<String> errors) {
    return response(400, "Bad Request", detail, errors);
  }

  static final String JSON = MediaType.APPLICATION_JSON;
}
