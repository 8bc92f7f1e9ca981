package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.zoomapi.ZoomAppContexts;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The panel as the Zoom client fetches it from the real server: its files, the redirect, and the OWASP
 * headers Zoom insists on. Also the server-side control endpoints while no admin token is configured.
 * Same properties as {@link ZoomAppPanelBrowserTest}, so both share one application context.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        PanelTestProperties.WEBHOOK_SECRET, PanelTestProperties.CLIENT_ID, PanelTestProperties.CLIENT_SECRET,
        PanelTestProperties.NO_ADMIN_TOKEN,
        PanelTestProperties.DATA_DIR, PanelTestProperties.NO_RESUME})
class ZoomAppPanelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;

    @ParameterizedTest
    @CsvSource({
            "/app/, text/html",
            "/app/index.html, text/html",
            "/app/app.js, text/javascript",
            "/app/app.css, text/css"})
    void thePanelsFilesAreServedWithZoomsSecureHeaders(String path, String type) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(type));
        assertSecureHeaders(response);
    }

    @Test
    void theDocumentLoadsTheAppsSdkFromZoomAndThePanelScript() throws Exception {
        String html = get("/app/").body();

        assertThat(html).contains("<script src=\"https://appssdk.zoom.us/sdk.min.js\" defer></script>")
                .contains("<script src=\"app.js\" defer></script>")
                .contains("id=\"start\"").contains("id=\"stop\"");
        // the CSP forbids inline script, so the page must not rely on any
        assertThat(html.replaceAll("<script src=\"[^\"]+\" defer></script>", "")).doesNotContain("<script");
    }

    @Test
    void appWithoutTheSlashRedirectsToThePanelAndCarriesTheHeadersToo() throws Exception {
        HttpResponse<String> response = get("/app");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/app/"));
        assertSecureHeaders(response);
    }

    @Test
    void theCspLetsZoomFrameThePanelAndLoadsScriptsOnlyFromHereAndTheSdkCdn() throws Exception {
        String csp = get("/app/").headers().firstValue("Content-Security-Policy").orElseThrow();

        assertThat(csp.split(";\\s*")).contains(
                "default-src 'self'",
                "script-src 'self' https://appssdk.zoom.us",
                "connect-src 'self'",
                "object-src 'none'",
                "frame-ancestors 'self' https://zoom.us https://*.zoom.us https://zoom.com https://*.zoom.com");
        assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop"})
    void withoutAnAdminTokenTheControlEndpointsAre503(String action) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/rtms/" + action))
                .header("Authorization", "Bearer anything")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"meetingId\":\"1\"}")).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"error\":\"RTMS control is disabled: set RTMS_ADMIN_TOKEN to enable it\"}");
    }

    @Test
    void thePanelsApiShowsAMeetingsStreamOnlyToThatMeetingsValidContext() throws Exception {
        String mine = "panel-api-mine-" + System.nanoTime() + "==";
        String theirs = "panel-api-theirs-" + System.nanoTime() + "==";
        try (ZoomSimulator zoom = ZoomSimulator.start(SimulatorConfig.builder()
                .clientId(PanelTestProperties.CLIENT_ID_VALUE).clientSecret(PanelTestProperties.CLIENT_SECRET_VALUE)
                .host("127.0.0.1").port(0)
                .webhook(uri("/api/webhooks/zoom"), PanelTestProperties.WEBHOOK_SECRET_VALUE).build())) {
            SimulatedStream myStream = zoom.createStream(Product.MEETING, mine, "mine" + System.nanoTime(), longMeeting());
            SimulatedStream theirStream = zoom.createStream(Product.MEETING, theirs, "theirs" + System.nanoTime(), longMeeting());
            assertThat(zoom.webhookSender().send(myStream.startedWebhook())).isEqualTo(200);
            assertThat(zoom.webhookSender().send(theirStream.startedWebhook())).isEqualTo(200);
            myStream.awaitState(StreamPhase.STREAMING, Duration.ofSeconds(30));
            theirStream.awaitState(StreamPhase.STREAMING, Duration.ofSeconds(30));
            String context = context(mine, System.currentTimeMillis() + 120_000);

            HttpResponse<String> shown = panelGet("/app/api/streams", context);
            assertThat(shown.statusCode()).isEqualTo(200);
            assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
            JsonNode body = JSON.readTree(shown.body());
            assertThat(body.path("meeting").asText()).isEqualTo(mine);
            assertThat(body.path("active")).hasSize(1);
            assertThat(body.path("active").get(0).path("streamId").asText()).isEqualTo(myStream.streamId());
            assertThat(shown.body()).doesNotContain(theirStream.streamId()).doesNotContain(theirs);

            // the other meeting's transcript is as unknown as a stream that does not exist
            assertThat(panelGet("/app/api/streams/" + theirStream.streamId() + "/transcript", context).statusCode()).isEqualTo(404);
            assertThat(panelGet("/app/api/streams/no-such-stream/transcript", context).statusCode()).isEqualTo(404);

            // no context, a tampered one, another app's secret, an expired one: 401 and nothing about any meeting
            String expired = context(mine, System.currentTimeMillis() - 1);
            String otherSecret = ZoomAppContexts.meeting("another-apps-secret", PanelTestProperties.CLIENT_ID_VALUE,
                    "u", mine, System.currentTimeMillis() + 120_000);
            String otherApp = ZoomAppContexts.meeting(PanelTestProperties.CLIENT_SECRET_VALUE, "another-app",
                    "u", mine, System.currentTimeMillis() + 120_000);
            Map<String, String> refusals = new LinkedHashMap<>();
            refusals.put("", "{\"error\":\"missing app context\",\"expired\":false}");
            refusals.put(ZoomAppPanelBrowserTest.tamper(context), "{\"error\":\"app context does not verify\",\"expired\":false}");
            refusals.put(otherSecret, "{\"error\":\"app context does not verify\",\"expired\":false}");
            refusals.put(otherApp, "{\"error\":\"app context of another app\",\"expired\":false}");
            refusals.put(expired, "{\"error\":\"app context expired\",\"expired\":true}");
            refusals.put("garbage!", "{\"error\":\"malformed app context\",\"expired\":false}");
            for (Map.Entry<String, String> refusal : refusals.entrySet()) {
                for (String path : List.of("/app/api/streams", "/app/api/streams/" + myStream.streamId() + "/transcript")) {
                    HttpResponse<String> refused = panelGet(path, refusal.getKey().isEmpty() ? null : refusal.getKey());
                    assertThat(refused.statusCode()).as(path).isEqualTo(401);
                    assertThat(refused.body()).as(path).isEqualTo(refusal.getValue());
                }
            }
            myStream.stop(StopReason.MEETING_ENDED);
            theirStream.stop(StopReason.MEETING_ENDED);
        }
    }

    private static MeetingScript longMeeting() {
        return MeetingScript.builder().durationMillis(120_000)
                .speakers(MeetingScript.Speaker.of(16778240, "Api Panel", 1000).talks(0, 2000)).build();
    }

    private static String context(String meeting, long expiresAt) {
        return ZoomAppContexts.meeting(PanelTestProperties.CLIENT_SECRET_VALUE, PanelTestProperties.CLIENT_ID_VALUE,
                "panel-api-user", meeting, expiresAt);
    }

    private HttpResponse<String> panelGet(String path, String context) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (context != null) {
            request.header("x-zoom-app-context", context);
        }
        // every transcript request here is refused, so its answer comes at once
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static void assertSecureHeaders(HttpResponse<?> response) {
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        // X-Frame-Options would keep the panel out of the Zoom web client's frame: frame-ancestors does the job
        assertThat(response.headers().firstValue("X-Frame-Options")).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
