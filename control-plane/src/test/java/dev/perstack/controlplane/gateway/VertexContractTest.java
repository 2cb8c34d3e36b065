package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSettings;
import dev.perstack.testsupport.model.RecordedRequest;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vertex AI: the Gemini wire format under the project and location path, authorised by a bearer
 * token that a real service-account key obtains from a (local) OAuth token endpoint.
 */
class VertexContractTest extends ProviderContract {
  static final String TOKEN = "ya29.scripted-token";

  @TempDir Path dir;
  HttpServer tokenServer;
  final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  Path keyFile;

  @BeforeEach
  void startTokenServer() throws Exception {
    tokenServer =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    tokenServer.createContext(
        "/token",
        exchange -> {
          tokenRequests.add(
              URLDecoder.decode(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                  StandardCharsets.UTF_8));
          byte[] body =
              ("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    tokenServer.start();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    var key = Requests.MAPPER.createObjectNode();
    key.put("type", "service_account");
    key.put("project_id", "proj-x");
    key.put("private_key_id", "key-1");
    key.put("private_key", pem);
    key.put("client_email", "gateway@proj-x.iam.gserviceaccount.com");
    key.put("client_id", "1234567890");
    key.put("token_uri", "http://127.0.0.1:" + tokenServer.getAddress().getPort() + "/token");
    keyFile = dir.resolve("key.json");
    Files.writeString(keyFile, key.toString());
  }

  @AfterEach
  void stopTokenServer() {
    tokenServer.stop(0);
  }

  @Override
  ProviderName provider() {
    return ProviderName.GOOGLE_VERTEX;
  }

  @Override
  String model() {
    return "gemini-2.5-pro";
  }

  @Override
  ProviderSettings settings(String baseUrl) {
    return SettingsBuilder.none()
        .baseUrl(baseUrl + "/v1")
        .project("proj-x", "europe-west4")
        .headers(customHeaders())
        .build();
  }

  @Override
  Map<String, String> environment(String baseUrl) {
    return Map.of(
        "GOOGLE_APPLICATION_CREDENTIALS",
        keyFile.toString(),
        "GOOGLE_VERTEX_PROJECT",
        "ignored-because-the-setting-wins");
  }

  @Override
  boolean carriesToolCallIds() {
    return false;
  }

  @Override
  void assertAuthorised(RecordedRequest request) {
    assertThat(request.path())
        .isEqualTo(
            "/v1/projects/proj-x/locations/europe-west4/publishers/google/models/"
                + "gemini-2.5-pro:streamGenerateContent");
    assertThat(request.header("authorization")).contains("Bearer " + TOKEN);
    assertThat(request.header("x-goog-api-key")).isEmpty();
    assertThat(tokenRequests).hasSize(1);
    assertThat(tokenRequests.get(0))
        .contains("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer")
        .contains("assertion=");
  }

  @Override
  JsonNode sentToolSchema(JsonNode body) {
    return GeminiWire.toolSchema(body);
  }

  @Override
  String sentToolResult(JsonNode body, String callId, String toolName) {
    return GeminiWire.toolResult(body, toolName);
  }

  @Override
  void assertReasoningRequested(JsonNode body) {
    GeminiWire.assertThinkingBudget(body, 2048);
  }

  @Test
  void theTokenIsReusedAcrossGenerations() throws Exception {
    server.enqueue(dev.perstack.testsupport.model.Reply.text("one"));
    server.enqueue(dev.perstack.testsupport.model.Reply.text("two"));
    ModelGateway gateway = gateway();

    generate(gateway, Requests.ask("1"));
    generate(gateway, Requests.ask("2"));

    assertThat(tokenRequests).hasSize(1);
  }
}
