package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.client.StreamLog;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health, metrics, the status API and its live transcript feed, driven through the simulator. */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(classes = RtmsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.zoom.client-id=" + OperationsTest.CLIENT_ID,
        "rtms.zoom.client-secret=" + OperationsTest.CLIENT_SECRET,
        "rtms.zoom.webhook-secret-token=" + OperationsTest.WEBHOOK_SECRET,
        "rtms.data-dir=target/test-data/operations",
        "rtms.stream.reconnect-delay=100",
        "rtms.api-token=" + OperationsTest.API_TOKEN,
})
class OperationsTest {

    static final String CLIENT_ID = "ops-client-id";
    static final String CLIENT_SECRET = "ops-client-secret";
    static final String WEBHOOK_SECRET = "ops-webhook-secret";
    static final String API_TOKEN = "ops-api-token";
    static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    CamelContext camel;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    ZoomSimulator zoom;

    @BeforeEach
    void startZoom() {
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(4).keepAliveIntervalMillis(100)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build());
    }

    @AfterEach
    void stopZoom() {
        zoom.close();
    }

    @Test
    void eachMetricMovesWhenItsCauseHappens() throws Exception {
        String before = get("/actuator/prometheus").body();

        SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.standard());
        s.awaitState(StreamPhase.ENDED, WAIT);
        SimulatedStream dropped = zoom.launch(Product.MEETING, MeetingScript.benchmark(8_000));
        dropped.awaitState(StreamPhase.STREAMING, WAIT);
        Awaitility.await().atMost(WAIT).until(() -> !dropped.received(7).isEmpty());
        dropped.faults().dropMediaSocket(MediaKind.AUDIO);
        dropped.awaitState(StreamPhase.ENDED, WAIT);
        SimulatedStream refused = zoom.createStream(Product.MEETING, "refused-m", "refused-s", MeetingScript.standard());
        refused.faults().rejectSignature(1);
        zoom.webhookSender().send(refused.startedWebhook());
        refused.awaitState(StreamPhase.ENDED, WAIT);
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/webhooks/zoom"))
                .header("x-zm-signature", "v0=" + "0".repeat(64))
                .header("x-zm-request-timestamp", Long.toString(System.currentTimeMillis() / 1000))
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"meeting.rtms_started\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            String after = get("/actuator/prometheus").body();
            assertThat(value(after, "rtms_frames_received_total", "type=\"audio\""))
                    .isGreaterThan(value(before, "rtms_frames_received_total", "type=\"audio\""));
            assertThat(value(after, "rtms_payload_received_bytes_total", "type=\"transcript\""))
                    .isGreaterThan(value(before, "rtms_payload_received_bytes_total", "type=\"transcript\""));
            assertThat(value(after, "rtms_keepalives_answered_total", "")).isGreaterThan(value(before, "rtms_keepalives_answered_total", ""));
            assertThat(value(after, "rtms_join_latency_seconds_count", "")).isGreaterThanOrEqualTo(value(before, "rtms_join_latency_seconds_count", "") + 2);
            assertThat(value(after, "rtms_reconnects_total", "cause=\"media_lost\""))
                    .isEqualTo(value(before, "rtms_reconnects_total", "cause=\"media_lost\"") + 1);
            assertThat(sum(after, "rtms_handshake_failures_total")).isEqualTo(sum(before, "rtms_handshake_failures_total") + 1);
            assertThat(value(after, "rtms_webhook_requests_total", "outcome=\"invalid signature\",status=\"401\"")).isEqualTo(1);
            assertThat(value(after, "rtms_webhook_requests_total", "outcome=\"accepted\",status=\"200\"")).isGreaterThanOrEqualTo(6);
            assertThat(after).contains("rtms_streams_active ").contains("rtms_queue_depth ").contains("rtms_queue_overflow_total ")
                    .contains("rtms_audio_decode_errors_total ").contains("rtms_frames_malformed_total ")
                    .contains("rtms_audio_opus_decode_time_seconds_total ").contains("rtms_audio_opus_decode_cpu_time_seconds_total ")
                    .contains("rtms_messages_unknown_total{");
        });
    }

    @Test
    void readinessFollowsTheMediaRoute() throws Exception {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        camel.getRouteController().stopRoute("rtms-media");
        HttpResponse<String> down = get("/actuator/health/readiness");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"mediaRouteConsuming\":false");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        camel.getRouteController().startRoute("rtms-media");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void theApiShowsAStreamThroughItsLife() throws Exception {
        SimulatedStream s = zoom.launch(Product.WEBINAR, MeetingScript.benchmark(8_000));
        Awaitility.await().atMost(WAIT).until(() -> {
            JsonNode active = json.readTree(get("/api/streams").body()).path("active");
            for (JsonNode st : active) {
                if (st.path("streamId").asText().equals(s.streamId()) && st.path("phase").asText().equals("STREAMING")) {
                    return true;
                }
            }
            return false;
        });
        JsonNode live = json.readTree(get("/api/streams/" + s.streamId()).body());
        assertThat(live.at("/stream/product").asText()).isEqualTo("webinar");
        assertThat(live.at("/stream/entityId").asText()).isEqualTo(s.entityId());
        assertThat(live.at("/stream/lifecycle").asText()).isEqualTo("CONNECTED");
        assertThat(live.at("/stream/mediaParams").asText()).contains("\"audio\"");

        s.awaitState(StreamPhase.ENDED, WAIT);
        Awaitility.await().atMost(WAIT).until(() -> json.readTree(get("/api/streams/" + s.streamId()).body())
                .at("/stream/lifecycle").asText().equals("STOPPED"));
        JsonNode ended = json.readTree(get("/api/streams/" + s.streamId()).body());
        assertThat(ended.at("/stream/stopReasonName").asText()).isEqualTo("MEETING_ENDED");
        assertThat(ended.at("/stream/frames/AUDIO").asLong()).isPositive();
        List<String> files = new ArrayList<>();
        ended.path("files").forEach(f -> files.add(f.path("path").asText()));
        assertThat(files).contains("audio.wav", "manifest.json", "transcript.jsonl");
        assertThat(json.readTree(get("/api/streams").body()).path("recent").toString()).contains(s.streamId());
        assertThat(get("/api/streams/no-such-stream").statusCode()).isEqualTo(404);
    }

    @Test
    void theTranscriptFeedDeliversLiveLines() throws Exception {
        MeetingScript script = MeetingScript.standard();
        SimulatedStream s = zoom.createStream(Product.MEETING, "feed-meeting", "feed-stream", script);
        CompletableFuture<List<String>> events = CompletableFuture.supplyAsync(() -> readEvents("/api/streams/feed-stream/transcript"));
        Awaitility.await().atMost(WAIT).until(() -> camel.getRegistry().lookupByNameAndType("liveTranscripts",
                io.camelrtms.app.TranscriptFeed.class).watchers("feed-stream") == 1);
        zoom.webhookSender().send(s.startedWebhook());
        List<String> lines = events.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(lines.get(0)).startsWith("open ");
        List<String> transcript = lines.stream().filter(l -> l.startsWith("transcript ")).toList();
        assertThat(transcript).hasSize(script.transcriptLines().size());
        assertThat(transcript.get(0)).contains(script.transcriptLines().get(0).text()).contains("\"user_name\":\"Alice Example\"");
        assertThat(lines.get(lines.size() - 1)).startsWith("end ");
    }

    @Test
    void streamLogLinesCarryTheStreamInTheMdc() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("io.camelrtms.client.StreamSession");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            SimulatedStream s = zoom.launch(Product.SESSION, MeetingScript.standard());
            s.awaitState(StreamPhase.ENDED, WAIT);
            Awaitility.await().atMost(WAIT).until(() -> appender.list.stream().anyMatch(e -> e.getFormattedMessage().contains("stopped")
                    && s.streamId().equals(e.getMDCPropertyMap().get(StreamLog.STREAM_ID))));
            List<ILoggingEvent> mine = appender.list.stream()
                    .filter(e -> e.getFormattedMessage().contains(s.streamId())).toList();
            assertThat(mine).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getMDCPropertyMap()).containsEntry(StreamLog.STREAM_ID, s.streamId());
                assertThat(e.getMDCPropertyMap()).containsEntry(StreamLog.PRODUCT, "session");
            });
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void theWebhookPortServesNeitherTheActuatorNorTheStatusApiWithoutTheToken() throws Exception {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator")) {
            assertThat(send(base() + path, null).statusCode()).as(path).isEqualTo(404);
        }
        for (String path : List.of("/api/streams", "/api/streams/x", "/api/streams/x/transcript", "/api//streams",
                "/api/rtms/../streams", "/api/webhooks/zoom/../../streams", "/api/streams;x=1", "/API/streams/")) {
            HttpResponse<String> refused = send(base() + path, null);
            assertThat(refused.statusCode()).as(path).isIn(400, 401, 404);
            assertThat(refused.body()).as(path).doesNotContain("active");
        }
        HttpResponse<String> wrong = send(base() + "/api/streams", "Bearer " + API_TOKEN + "x");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"error\":\"missing or wrong bearer token\"}");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"rtms\"");
        assertThat(send(base() + "/api/streams", "Bearer " + API_TOKEN).statusCode()).isEqualTo(200);
        // the management port answers, on the loopback interface the default binds it to
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(get("/actuator/prometheus").body()).contains("rtms_tls_failures_total");
        assertThat(camel.getPropertiesComponent().resolveProperty("management.server.address")).hasValue("127.0.0.1");
    }

    private List<String> readEvents(String path) {
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                            .header("Authorization", "Bearer " + API_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            List<String> events = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String name = null;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        events.add(name + " " + line.substring(5).trim());
                        if ("end".equals(name)) {
                            break;
                        }
                    }
                }
            }
            return events;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The actuator from the management port, the status API from the webhook port with the API token. */
    private HttpResponse<String> get(String path) throws Exception {
        return path.startsWith("/actuator")
                ? send("http://127.0.0.1:" + managementPort + path, null)
                : send(base() + path, "Bearer " + API_TOKEN);
    }

    private HttpResponse<String> send(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one Prometheus sample whose labels contain {@code labels}, or 0 when absent. */
    private static double value(String scrape, String name, String labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(scrape);
        while (m.find()) {
            String l = m.group(1) == null ? "" : m.group(1);
            if (l.contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    private static double sum(String scrape, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(scrape);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }
}
