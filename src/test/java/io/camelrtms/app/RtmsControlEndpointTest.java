package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.zoomapi.FakeZoomApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /api/rtms/*} through the real server, with Zoom's OAuth server and REST API played by a
 * local fake: the admin token guard, the request Zoom receives, and Zoom's refusals passed on.
 */
@CamelSpringBootTest
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.admin-token=" + RtmsControlEndpointTest.ADMIN_TOKEN,
        "rtms.zoom-api.account-id=acct-9",
        "rtms.zoom-api.client-id=s2s-id",
        "rtms.zoom-api.client-secret=" + RtmsControlEndpointTest.S2S_SECRET,
        "rtms.zoom.client-id=rtms-app-id"})
class RtmsControlEndpointTest {

    static final String ADMIN_TOKEN = "not-a-real-admin-token";
    static final String S2S_SECRET = "not-a-real-s2s-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeZoomApi ZOOM = startFake();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;

    private static FakeZoomApi startFake() {
        try {
            // tokens that are never reused, so each call shows its own token request whatever ran before
            return new FakeZoomApi().tokenLifetime(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void zoomIsTheFake(DynamicPropertyRegistry registry) {
        registry.add("rtms.zoom-api.base-url", () -> ZOOM.baseUrl().toString());
        registry.add("rtms.zoom-api.oauth-base-url", () -> ZOOM.baseUrl().toString());
    }

    @AfterAll
    static void stopFake() {
        ZOOM.close();
    }

    @BeforeEach
    void resetFake() {
        ZOOM.reset();
    }

    @Test
    void startInAMeetingSendsZoomTheRightRequest() throws Exception {
        HttpResponse<String> response = post("start", "{\"meetingId\": 85746065432}", "Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"status\":\"requested\",\"action\":\"start\",\"meetingId\":\"85746065432\",\"zoomStatus\":204}"));
        assertThat(ZOOM.tokenRequests()).singleElement().satisfies(token -> {
            assertThat(token.rawQuery()).isEqualTo("grant_type=account_credentials&account_id=acct-9");
            assertThat(token.header("Authorization")).startsWith("Basic ");
        });
        assertThat(ZOOM.apiRequests()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("PATCH");
            assertThat(call.rawPath()).isEqualTo("/v2/live_meetings/85746065432/rtms_app/status");
            assertThat(call.header("Authorization")).startsWith("Bearer token-");
            assertThat(JSON.readTree(call.body()))
                    .isEqualTo(JSON.readTree("{\"action\":\"start\",\"settings\":{\"client_id\":\"rtms-app-id\"}}"));
        });
    }

    @Test
    void stopInAVideoSdkSessionSendsZoomTheRightRequest() throws Exception {
        HttpResponse<String> response = post("stop", "{\"sessionId\":\"Qm9i/Zz==\"}", "Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).path("sessionId").asText()).isEqualTo("Qm9i/Zz==");
        assertThat(ZOOM.apiRequests()).singleElement().satisfies(call -> {
            assertThat(call.rawPath()).isEqualTo("/v2/videosdk/sessions/Qm9i%2FZz%3D%3D/rtms_app/status");
            assertThat(JSON.readTree(call.body()))
                    .isEqualTo(JSON.readTree("{\"action\":\"stop\",\"settings\":{\"client_id\":\"rtms-app-id\"}}"));
        });
    }

    @Test
    void theParticipantIsPassedOnForMeetings() throws Exception {
        HttpResponse<String> response = post("start", "{\"meetingId\":\"123\",\"participantUserId\":\"u-7\"}", "Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(ZOOM.apiRequests().get(0).body()).path("settings").path("participant_user_id").asText())
                .isEqualTo("u-7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer wrong-token", "Basic " + ADMIN_TOKEN, "Bearer " + ADMIN_TOKEN + "x"})
    void aMissingOrWrongAdminTokenIs401AndZoomHearsNothing(String authorization) throws Exception {
        HttpResponse<String> response = post("start", "{\"meetingId\":\"1\"}", authorization.isEmpty() ? null : authorization);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"rtms\"");
        assertThat(response.body()).isEqualTo("{\"error\":\"missing or wrong bearer token\"}");
        assertThat(ZOOM.tokenRequests()).isEmpty();
        assertThat(ZOOM.apiRequests()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "start | '' | body required: {\"meetingId\": …} or {\"sessionId\": …}",
            "start | not json | body is not valid JSON",
            "start | [1] | body must be a JSON object: {\"meetingId\": …} or {\"sessionId\": …}",
            "start | {} | give exactly one of meetingId and sessionId",
            "start | {\"meetingId\":\"1\",\"sessionId\":\"2\"} | give exactly one of meetingId and sessionId",
            "start | {\"meetingId\":\"\"} | meetingId is required",
            "start | {\"meetingId\":{\"a\":1}} | meetingId must be a string",
            "start | {\"sessionId\":\"a b\"} | sessionId must not contain spaces or control characters",
            "start | {\"sessionId\":\"s\",\"participantUserId\":\"u\"} | participantUserId applies to meetings only"})
    void badRequestsAre400WithAClearErrorAndZoomHearsNothing(String action, String body, String error) throws Exception {
        HttpResponse<String> response = post(action, body, "Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo(error);
        assertThat(ZOOM.apiRequests()).isEmpty();
    }

    @Test
    void anOversizedBodyIs413AndZoomHearsNothing() throws Exception {
        String padding = "x".repeat(RtmsControlController.MAX_BODY_BYTES);
        HttpResponse<String> response = post("start", "{\"meetingId\":\"1\",\"pad\":\"" + padding + "\"}", "Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(ZOOM.apiRequests()).isEmpty();
    }

    @Test
    void anUnknownActionIs404() throws Exception {
        HttpResponse<String> response = post("explode", "{\"meetingId\":\"1\"}", "Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"unknown action; use start, stop, pause or resume\"}");
    }

    @Test
    void zoomsRefusalIsPassedOnWithItsStatusCodeAndMessage() throws Exception {
        ZOOM.answerApiWith(404, "{\"code\":3001,\"message\":\"Meeting does not exist: 1.\"}");

        HttpResponse<String> response = post("start", "{\"meetingId\":\"1\"}", "Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"error\":\"Zoom refused the request\","
                + "\"zoomStatus\":404,\"zoomCode\":3001,\"zoomMessage\":\"Meeting does not exist: 1.\"}"));
    }

    @Test
    void zoomRefusingOurCredentialsIsABadGatewayThatNamesNoSecret(CapturedOutput output) throws Exception {
        ZOOM.answerApiWith(403, "{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes.\"}");

        HttpResponse<String> response = post("stop", "{\"meetingId\":\"1\"}", "Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(response.body()).path("zoomStatus").asInt()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("zoomCode").asInt()).isEqualTo(4711);
        String issued = ZOOM.apiRequests().get(0).header("Authorization").substring("Bearer ".length());
        for (String secret : new String[] {issued, S2S_SECRET, ADMIN_TOKEN}) {
            assertThat(response.body()).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    @Test
    void aRefusedTokenRequestIsABadGateway() throws Exception {
        ZOOM.answerTokenWith(400, "{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}");

        HttpResponse<String> response = post("start", "{\"meetingId\":\"1\"}", "Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"error\":"
                + "\"Zoom refused the Server-to-Server OAuth token request\",\"zoomStatus\":400,"
                + "\"zoomMessage\":\"Invalid client_id or client_secret\"}"));
        assertThat(ZOOM.apiRequests()).isEmpty();
    }

    private HttpResponse<String> post(String action, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rtms/" + action))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
