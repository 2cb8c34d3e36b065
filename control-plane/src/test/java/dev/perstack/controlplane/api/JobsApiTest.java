package dev.perstack.controlplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The REST + SSE API over real HTTP, with the local runtime and a test model. */
@QuarkusTest
class JobsApiTest {
  @Inject ApiToken token;

  @TestHTTPResource("/")
  URI base;

  @BeforeEach
  void writeDefinitions() throws Exception {
    Path root = WorkspaceRoot.root();
    Files.createDirectories(root.resolve("ws"));
    Files.writeString(
        root.resolve("perstack.toml"),
        "runtime = \"local\"\n[experts.\"hello\"]\ninstruction = \"Greet the user.\"\n");
  }

  private String bearer() throws Exception {
    return "Bearer " + Files.readString(token.file()).strip();
  }

  private String submit() throws Exception {
    return given()
        .header("Authorization", bearer())
        .contentType(ContentType.JSON)
        .body("{\"expert\":\"hello\",\"query\":\"Say hi\",\"workspace\":\"ws\"}")
        .post("/api/jobs")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private String awaitFinished(String id) throws Exception {
    for (int i = 0; i < 300; i++) {
      String state =
          given()
              .header("Authorization", bearer())
              .get("/api/jobs/" + id)
              .then()
              .extract()
              .path("state");
      if (!"running".equals(state)) {
        String error =
            given()
                .header("Authorization", bearer())
                .get("/api/jobs/" + id)
                .then()
                .extract()
                .path("error");
        return error == null ? state : state + ": " + error;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not finish");
  }

  @Nested
  class Authentication {
    @Test
    void refusesARequestWithoutTheToken() {
      given()
          .get("/api/jobs")
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", "Bearer")
          .contentType("application/problem+json")
          .body("detail", containsString("Authorization: Bearer"));
    }

    @Test
    void refusesAWrongTokenWithoutSayingWhy() throws Exception {
      String real = Files.readString(token.file()).strip();
      given()
          .header("Authorization", "Bearer " + real + "x")
          .get("/api/jobs")
          .then()
          .statusCode(401)
          .body(not(containsString(real)));
    }

    @Test
    void leavesHealthAndOpenApiOpen() {
      given().get("/q/health").then().statusCode(200);
      given().get("/q/openapi").then().statusCode(200).body(containsString("/api/jobs"));
    }
  }

  @Nested
  class Jobs {
    @Test
    void runsAJobAndShowsIt() throws Exception {
      String id = submit();

      assertThat(awaitFinished(id)).isEqualTo("completed");
      given()
          .header("Authorization", bearer())
          .get("/api/jobs/" + id)
          .then()
          .statusCode(200)
          .body("expert", equalTo("hello"))
          .body("runtime", equalTo("local"))
          .body("submittedBy", matchesPattern("api:[0-9a-f]{12}"));
      given()
          .header("Authorization", bearer())
          .get("/api/jobs?state=completed")
          .then()
          .statusCode(200)
          .body("id", hasItem(id));
    }

    @Test
    void refusesAnIncompleteRequestSayingWhatIsMissing() throws Exception {
      given()
          .header("Authorization", bearer())
          .contentType(ContentType.JSON)
          .body("{\"query\":\"x\"}")
          .post("/api/jobs")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0]", containsString("`expert` is missing"));
    }

    @Test
    void refusesALockedJobWithoutALockAsAConflictSayingHowToWriteOne() throws Exception {
      given()
          .header("Authorization", bearer())
          .contentType(ContentType.JSON)
          .body("{\"expert\":\"hello\",\"query\":\"Say hi\",\"workspace\":\"ws\",\"locked\":true}")
          .post("/api/jobs")
          .then()
          .statusCode(409)
          .body("errors[0]", containsString("no perstack.lock"))
          .body("errors[0]", containsString("perstack install"));
    }

    @Test
    void refusesPathsOutsideTheWorkspaceRoot() throws Exception {
      given()
          .header("Authorization", bearer())
          .contentType(ContentType.JSON)
          .body("{\"expert\":\"hello\",\"query\":\"x\",\"workspace\":\"../../../etc\"}")
          .post("/api/jobs")
          .then()
          .statusCode(400)
          .body("errors[0]", containsString("leaves the server's workspace root"));
    }

    @Test
    void refusesAnUnknownExpertWithThePositionedError() throws Exception {
      given()
          .header("Authorization", bearer())
          .contentType(ContentType.JSON)
          .body("{\"expert\":\"nobody\",\"query\":\"x\",\"workspace\":\"ws\"}")
          .post("/api/jobs")
          .then()
          .statusCode(400)
          .body("errors[0]", containsString("nobody"));
    }

    @Test
    void answers404ForAnUnknownJob() throws Exception {
      given().header("Authorization", bearer()).get("/api/jobs/nope").then().statusCode(404);
      given()
          .header("Authorization", bearer())
          .post("/api/jobs/nope/cancel")
          .then()
          .statusCode(404);
    }

    @Test
    void servesCheckpointsInPerstacksShape() throws Exception {
      String id = submit();
      awaitFinished(id);

      String checkpointId =
          given()
              .header("Authorization", bearer())
              .get("/api/jobs/" + id + "/checkpoints")
              .then()
              .statusCode(200)
              .extract()
              .path("[0].id");
      given()
          .header("Authorization", bearer())
          .get("/api/jobs/" + id + "/checkpoints/" + checkpointId)
          .then()
          .statusCode(200)
          .body("status", equalTo("completed"))
          .body("messages.size()", equalTo(3));
    }
  }

  @Nested
  class Audit {
    @Test
    void recordsWhoRanWhatWithWhichDefinitionsAndNoLock() throws Exception {
      String id = submit();
      awaitFinished(id);

      given()
          .header("Authorization", bearer())
          .get("/api/audit?expert=hello&limit=500")
          .then()
          .statusCode(200)
          .body("find { it.jobId == '" + id + "' }.submittedBy", matchesPattern("api:[0-9a-f]{12}"))
          .body("find { it.jobId == '" + id + "' }.configDigest", startsWith("sha256:"))
          .body("find { it.jobId == '" + id + "' }.lockDigest", nullValue())
          .body("find { it.jobId == '" + id + "' }.state", equalTo("completed"));
      given()
          .header("Authorization", bearer())
          .get("/api/audit?locked=true&limit=500")
          .then()
          .statusCode(200)
          .body("jobId", not(hasItem(id)));
    }

    @Test
    void refusesAnOutOfRangeLimitSayingTheRange() throws Exception {
      given()
          .header("Authorization", bearer())
          .get("/api/audit?limit=0")
          .then()
          .statusCode(400)
          .body("errors[0]", containsString("1..500"));
    }

    @Test
    void needsTheToken() {
      given().get("/api/audit").then().statusCode(401);
    }
  }

  @Nested
  class Events {
    @Test
    void streamsTheHistoryThenEndsWithTheJobState() throws Exception {
      String id = submit();
      awaitFinished(id);

      List<String> lines = sse(id, null);

      assertThat(lines)
          .contains("event:startRun", "event:completeRun", "event:end", "data:completed");
      assertThat(lines.stream().filter(l -> l.startsWith("id:")).toList())
          .first()
          .isEqualTo("id:1");
    }

    @Test
    void resumesAfterLastEventId() throws Exception {
      String id = submit();
      awaitFinished(id);

      List<String> lines = sse(id, "2");

      assertThat(lines.stream().filter(l -> l.startsWith("id:")).toList())
          .first()
          .isEqualTo("id:3");
    }

    private List<String> sse(String id, String lastEventId) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve("/api/jobs/" + id + "/events"))
              .header("Authorization", bearer())
              .header("Accept", "text/event-stream")
              .timeout(Duration.ofSeconds(30));
      if (lastEventId != null) {
        request.header("Last-Event-ID", lastEventId);
      }
      HttpResponse<java.io.InputStream> response =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      List<String> lines = new ArrayList<>();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          // Field names and values may be separated by ": " or ":"; normalise to the latter.
          lines.add(line.replaceFirst("^(\\w+): ", "$1:"));
        }
      }
      return lines;
    }
  }
}
