package io.camelrtms.zoomapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Zoom API client against a real local HTTP server standing in for Zoom's OAuth server and REST API. */
class ZoomApiClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "acct-1";
    private static final String S2S_ID = "s2s-client";
    private static final String S2S_SECRET = "s2s-secret-not-real";
    private static final String RTMS_APP = "rtms-app-client-id";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
    private FakeZoomApi zoom;

    @BeforeEach
    void startFake() throws Exception {
        zoom = new FakeZoomApi();
    }

    @AfterEach
    void stopFake() {
        zoom.close();
    }

    private ServerToServerOAuth oauth() {
        return new ServerToServerOAuth(zoom.baseUrl(), ACCOUNT, S2S_ID, S2S_SECRET, http, Duration.ofSeconds(5), clock);
    }

    private ZoomApiClient client(AccessTokenSource meetings, AccessTokenSource videoSdk) {
        return new ZoomApiClient(zoom.baseUrl(), meetings, videoSdk, RTMS_APP, http, Duration.ofSeconds(5));
    }

    @Test
    void startsRtmsInAMeetingWithAServerToServerToken() throws Exception {
        ServerToServerOAuth oauth = oauth();

        int status = client(oauth, oauth).updateRtmsAppStatus(RtmsAppTarget.meeting("85746065432"), RtmsAppAction.START, null);

        assertThat(status).isEqualTo(204);
        assertThat(zoom.tokenRequests()).singleElement().satisfies(token -> {
            assertThat(token.method()).isEqualTo("POST");
            assertThat(token.rawPath()).isEqualTo("/oauth/token");
            assertThat(token.rawQuery()).isEqualTo("grant_type=account_credentials&account_id=acct-1");
            assertThat(token.header("Authorization")).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString((S2S_ID + ":" + S2S_SECRET).getBytes(StandardCharsets.UTF_8)));
        });
        assertThat(zoom.apiRequests()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("PATCH");
            assertThat(call.rawPath()).isEqualTo("/v2/live_meetings/85746065432/rtms_app/status");
            assertThat(call.header("Authorization")).isEqualTo("Bearer token-1");
            assertThat(call.header("Content-Type")).isEqualTo("application/json");
            assertThat(JSON.readTree(call.body()))
                    .isEqualTo(JSON.readTree("{\"action\":\"start\",\"settings\":{\"client_id\":\"rtms-app-client-id\"}}"));
        });
    }

    @Test
    void stopsPausesAndResumesAndNamesTheParticipantWhenGiven() throws Exception {
        ServerToServerOAuth oauth = oauth();
        ZoomApiClient client = client(oauth, oauth);

        client.updateRtmsAppStatus(RtmsAppTarget.meeting("123"), RtmsAppAction.STOP, "user-42");
        client.updateRtmsAppStatus(RtmsAppTarget.meeting("123"), RtmsAppAction.PAUSE, null);
        client.updateRtmsAppStatus(RtmsAppTarget.meeting("123"), RtmsAppAction.RESUME, null);

        assertThat(zoom.apiRequests()).extracting(r -> JSON.readTree(r.body())).containsExactly(
                JSON.readTree("{\"action\":\"stop\",\"settings\":{\"client_id\":\"rtms-app-client-id\",\"participant_user_id\":\"user-42\"}}"),
                JSON.readTree("{\"action\":\"pause\",\"settings\":{\"client_id\":\"rtms-app-client-id\"}}"),
                JSON.readTree("{\"action\":\"resume\",\"settings\":{\"client_id\":\"rtms-app-client-id\"}}"));
    }

    @Test
    void aMeetingUuidThatZoomWantsDoubleEncodedIsDoubleEncoded() throws Exception {
        ServerToServerOAuth oauth = oauth();
        ZoomApiClient client = client(oauth, oauth);

        client.updateRtmsAppStatus(RtmsAppTarget.meeting("/Ab//c+d=="), RtmsAppAction.START, null);
        client.updateRtmsAppStatus(RtmsAppTarget.meeting("Xy+z/w=="), RtmsAppAction.START, null);

        assertThat(zoom.apiRequests()).extracting(FakeZoomApi.Recorded::rawPath).containsExactly(
                "/v2/live_meetings/%252FAb%252F%252Fc%252Bd%253D%253D/rtms_app/status",
                "/v2/live_meetings/Xy%2Bz%2Fw%3D%3D/rtms_app/status");
    }

    @Test
    void startsRtmsInAVideoSdkSessionWithAnApiJwtOfTheVideoSdkKey() throws Exception {
        ZoomApiJwt jwt = new ZoomApiJwt("vsdk-key", "vsdk-secret", Duration.ofMinutes(30), clock);

        client(oauth(), jwt).updateRtmsAppStatus(RtmsAppTarget.videoSdkSession("sess/1=="), RtmsAppAction.START, "ignored-user");

        assertThat(zoom.tokenRequests()).isEmpty();
        FakeZoomApi.Recorded call = zoom.apiRequests().get(0);
        assertThat(call.method()).isEqualTo("PATCH");
        assertThat(call.rawPath()).isEqualTo("/v2/videosdk/sessions/sess%2F1%3D%3D/rtms_app/status");
        // participant_user_id belongs to the meetings endpoint only
        assertThat(JSON.readTree(call.body()))
                .isEqualTo(JSON.readTree("{\"action\":\"start\",\"settings\":{\"client_id\":\"rtms-app-client-id\"}}"));
        String[] parts = call.header("Authorization").substring("Bearer ".length()).split("\\.");
        assertThat(parts).hasSize(3);
        Base64.Decoder b64 = Base64.getUrlDecoder();
        assertThat(JSON.readTree(b64.decode(parts[0]))).isEqualTo(JSON.readTree("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
        JsonNode claims = JSON.readTree(b64.decode(parts[1]));
        long now = clock.instant().getEpochSecond();
        assertThat(claims).isEqualTo(JSON.readTree("{\"iss\":\"vsdk-key\",\"iat\":" + now + ",\"exp\":" + (now + 1800) + "}"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("vsdk-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(b64.decode(parts[2]))).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void withoutVideoSdkApiCredentialsASessionGetsTheServerToServerToken() throws Exception {
        ServerToServerOAuth oauth = oauth();

        client(oauth, oauth).updateRtmsAppStatus(RtmsAppTarget.videoSdkSession("s1"), RtmsAppAction.STOP, null);

        assertThat(zoom.tokenRequests()).hasSize(1);
        assertThat(zoom.apiRequests()).singleElement().satisfies(call -> {
            assertThat(call.rawPath()).isEqualTo("/v2/videosdk/sessions/s1/rtms_app/status");
            assertThat(call.header("Authorization")).isEqualTo("Bearer token-1");
        });
    }

    @Test
    void theTokenIsReusedUntilShortlyBeforeItExpires() throws Exception {
        ServerToServerOAuth oauth = oauth();
        ZoomApiClient client = client(oauth, oauth);

        client.updateRtmsAppStatus(RtmsAppTarget.meeting("1"), RtmsAppAction.START, null);
        clock.advance(Duration.ofMinutes(54));
        client.updateRtmsAppStatus(RtmsAppTarget.meeting("1"), RtmsAppAction.STOP, null);
        assertThat(zoom.tokenRequests()).hasSize(1);

        // expires_in 3599 s: within five minutes of the end a new token is fetched
        clock.advance(Duration.ofMinutes(1));
        client.updateRtmsAppStatus(RtmsAppTarget.meeting("1"), RtmsAppAction.START, null);

        assertThat(zoom.tokenRequests()).hasSize(2);
        assertThat(zoom.apiRequests()).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
    }

    @Test
    void aTokenZoomNoLongerAcceptsIsReplacedAndTheCallTriedOnceMore() throws Exception {
        ServerToServerOAuth oauth = oauth();
        zoom.answerApiWith(401, "{\"code\":124,\"message\":\"Invalid access token.\"}");

        int status = client(oauth, oauth).updateRtmsAppStatus(RtmsAppTarget.meeting("1"), RtmsAppAction.START, null);

        assertThat(status).isEqualTo(204);
        assertThat(zoom.tokenRequests()).hasSize(2);
        assertThat(zoom.apiRequests()).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void zoomsRefusalComesBackWithItsStatusCodeAndMessage() {
        ServerToServerOAuth oauth = oauth();
        zoom.answerApiWith(404, "{\"code\":3001,\"message\":\"Meeting does not exist: 1.\"}");

        assertThatThrownBy(() -> client(oauth, oauth).updateRtmsAppStatus(RtmsAppTarget.meeting("1"), RtmsAppAction.START, null))
                .isInstanceOfSatisfying(ZoomApiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ZoomApiException.Reason.REFUSED);
                    assertThat(e.zoomStatus()).isEqualTo(404);
                    assertThat(e.zoomCode()).isEqualTo(3001);
                    assertThat(e.zoomMessage()).isEqualTo("Meeting does not exist: 1.");
                    assertThat(e.getMessage()).doesNotContain("token-1");
                });
        assertThat(zoom.apiRequests()).hasSize(1);
    }

    @Test
    void aRefusedTokenRequestSaysSoWithoutTheCredentials() {
        ServerToServerOAuth oauth = oauth();
        zoom.answerTokenWith(400, "{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}");

        assertThatThrownBy(() -> client(oauth, oauth).updateRtmsAppStatus(RtmsAppTarget.meeting("1"), RtmsAppAction.START, null))
                .isInstanceOfSatisfying(ZoomApiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ZoomApiException.Reason.TOKEN_REFUSED);
                    assertThat(e.zoomStatus()).isEqualTo(400);
                    assertThat(e.zoomMessage()).isEqualTo("Invalid client_id or client_secret");
                    assertThat(e.getMessage() + e.zoomMessage()).doesNotContain(S2S_SECRET).doesNotContain(S2S_ID);
                });
        assertThat(zoom.apiRequests()).isEmpty();
    }

    @Test
    void withoutTheRtmsAppsClientIdNothingIsSent() {
        ServerToServerOAuth oauth = oauth();
        ZoomApiClient client = new ZoomApiClient(zoom.baseUrl(), oauth, oauth, " ", http, Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.updateRtmsAppStatus(RtmsAppTarget.meeting("1"), RtmsAppAction.START, null))
                .isInstanceOfSatisfying(ZoomApiException.class,
                        e -> assertThat(e.reason()).isEqualTo(ZoomApiException.Reason.NOT_CONFIGURED));
        assertThat(zoom.tokenRequests()).isEmpty();
        assertThat(zoom.apiRequests()).isEmpty();
    }

    @Test
    void withoutServerToServerCredentialsTheCallFailsNamingTheMissingSettings() {
        AccessTokenSource none = AccessTokenSource.unavailable("set ZOOM_ACCOUNT_ID");

        assertThatThrownBy(() -> client(none, none).updateRtmsAppStatus(RtmsAppTarget.meeting("1"), RtmsAppAction.START, null))
                .isInstanceOfSatisfying(ZoomApiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ZoomApiException.Reason.NOT_CONFIGURED);
                    assertThat(e.getMessage()).isEqualTo("set ZOOM_ACCOUNT_ID");
                });
        assertThat(zoom.apiRequests()).isEmpty();
    }

    @Test
    void aZoomThatDoesNotAnswerInTimeIsATimeout() {
        CountDownLatch release = new CountDownLatch(1);
        zoom.holdApiAnswers(release);
        ServerToServerOAuth oauth = oauth();
        ZoomApiClient client = new ZoomApiClient(zoom.baseUrl(), oauth, oauth, RTMS_APP, http, Duration.ofMillis(300));
        try {
            assertThatThrownBy(() -> client.updateRtmsAppStatus(RtmsAppTarget.meeting("1"), RtmsAppAction.START, null))
                    .isInstanceOfSatisfying(ZoomApiException.class,
                            e -> assertThat(e.reason()).isEqualTo(ZoomApiException.Reason.TIMEOUT));
        } finally {
            release.countDown();
        }
    }

    @Test
    void anUnreachableZoomSaysSo() throws Exception {
        URI closed = zoom.baseUrl();
        zoom.close();
        ServerToServerOAuth oauth = new ServerToServerOAuth(closed, ACCOUNT, S2S_ID, S2S_SECRET, http, Duration.ofSeconds(5), clock);

        assertThatThrownBy(() -> client(oauth, oauth).updateRtmsAppStatus(RtmsAppTarget.meeting("1"), RtmsAppAction.START, null))
                .isInstanceOfSatisfying(ZoomApiException.class,
                        e -> assertThat(e.reason()).isEqualTo(ZoomApiException.Reason.UNREACHABLE));
    }

    @Test
    void idsThatCannotBeZoomIdsAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> RtmsAppTarget.meeting(" ")).hasMessage("meetingId is required");
        assertThatThrownBy(() -> RtmsAppTarget.videoSdkSession("a b")).hasMessageContaining("sessionId must not contain");
        assertThatThrownBy(() -> RtmsAppTarget.meeting("x".repeat(201))).hasMessageContaining("longer than 200");
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
