package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.StreamStatus;
import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.FuzzInputs;
import io.camelrtms.protocol.WebhookEvents;
import io.camelrtms.webhook.ZoomSigner;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The webhook port as an attacker (or a broken proxy) sees it: thousands of generated and mutated
 * requests (random and truncated JSON, deep nesting, invalid UTF-8, wrong, missing and stale signatures,
 * forms and other content types, chunked bodies, odd methods), half of them correctly signed so the
 * parser behind the signature is reached. None is answered 5xx, no stream is started but by a correctly
 * signed start, and afterwards the bundle is still ready and still verifies a good request.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.zoom.webhook-secret-token=" + WebhookIntakeFuzzTest.SECRET,
        "rtms.zoom.client-id=fuzz-client-id",
        "rtms.zoom.client-secret=fuzz-client-secret",
        "rtms.data-dir=target/test-data/webhook-fuzz",
        "rtms.resume-streams=false",
        "rtms.stream.signaling-reconnect-window=500",
})
class WebhookIntakeFuzzTest {

    static final String SECRET = "fuzz-intake-secret";
    /** -Dfuzz.seed=… replays or varies a run. */
    static final long SEED = Long.getLong("fuzz.seed", 0xF022_1205L);
    static final int REQUESTS = 3_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONTENT_TYPES = java.util.Arrays.asList(null, "application/json",
            "application/json; charset=utf-8", "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=utf-8", "multipart/form-data; boundary=xyz",
            "multipart/form-data", "text/plain", "application/xml", "application/octet-stream", "*/*", "garbage",
            "application/json; charset=nonexistent");
    private static final List<String> METHODS = List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND");
    private static final List<byte[]> SEEDS = Stream.of(
            "{\"event\":\"meeting.rtms_started\",\"event_ts\":1,\"payload\":{\"meeting_uuid\":\"u==\",\"operator_id\":\"o\","
                    + "\"rtms_stream_id\":\"fz1\",\"server_urls\":\"ws://127.0.0.1:9/sig\"}}",
            "{\"event\":\"webinar.rtms_stopped\",\"event_ts\":2,\"payload\":{\"webinar_uuid\":\"w\",\"rtms_stream_id\":\"fz2\",\"stop_reason\":6}}",
            "{\"event\":\"session.rtms_interrupted\",\"payload\":{\"object\":{\"session_id\":\"x\",\"rtms_stream_id\":\"fz3\"}}}",
            "{\"event\":\"contact_center.voice_rtms_started\",\"payload\":{\"engagement_id\":\"e\",\"rtms_stream_id\":\"fz4\","
                    + "\"server_urls\":[\"ws://[::1\",\"ws://127.0.0.1:9/a\"]}}",
            "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":1}",
            "{\"event\":\"rtms.concurrency_limited\",\"event_ts\":77,\"payload\":{\"concurrency_limit\":2000}}",
            "{\"event\":\"meeting.participant_joined\",\"payload\":{}}")
            .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    RtmsComponent rtms;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void thousandsOfMalformedRequestsGetNo5xxStartNothingUnsignedAndLeaveTheBundleHealthy() throws Exception {
        FuzzInputs inputs = new FuzzInputs(SEED);
        Random random = inputs.random();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        Set<String> signedStarts = new HashSet<>();
        URI webhook = URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom");
        for (int i = 0; i < REQUESTS; i++) {
            boolean sign = random.nextBoolean();
            byte[] generated = inputs.next(SEEDS);
            // a mutated host would have the client look up a name: tests reach 127.0.0.1 only
            byte[] body = sign && startsElsewhere(generated) ? SEEDS.get(0) : generated;
            String method = random.nextInt(10) == 0 ? METHODS.get(random.nextInt(METHODS.size())) : "POST";
            HttpRequest.Builder request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(20));
            // unknown length: sent chunked, so the size check cannot rely on Content-Length
            HttpRequest.BodyPublisher publisher = random.nextInt(5) == 0
                    ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.clone()))
                    : BodyPublishers.ofByteArray(body);
            request.method(method, method.equals("HEAD") || method.equals("TRACE") ? BodyPublishers.noBody() : publisher);
            String contentType = random.nextInt(5) < 3 ? "application/json" : CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            long now = System.currentTimeMillis() / 1000;
            if (sign) {
                long ts = random.nextInt(8) == 0 ? now - 3600 : now;
                request.header("x-zm-signature", ZoomSigner.sign(SECRET, ts, body)).header("x-zm-request-timestamp", Long.toString(ts));
                if (ts == now && method.equals("POST") && isJson(contentType)) {
                    signedStartOf(body).ifPresent(signedStarts::add);
                }
            } else if (random.nextBoolean()) {
                request.header("x-zm-signature", random.nextBoolean() ? ZoomSigner.sign("wrong-secret", now, body) : "v0=" + i)
                        .header("x-zm-request-timestamp", random.nextBoolean() ? Long.toString(now) : "yesterday");
            }
            HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
            byStatus.merge(response.statusCode(), 1, Integer::sum);
            assertThat(response.statusCode()).as("seed %d, request %d: %s %s", SEED, i, method, contentType).isLessThan(500);
        }
        // forms were refused, events accepted, signatures checked
        assertThat(byStatus).containsKeys(200, 400, 401, 405, 415);

        // nothing started but by a correctly signed start
        Stream.concat(rtms.streams().stream(), rtms.recentStreams().stream()).map(StreamStatus::streamId)
                .forEach(id -> assertThat(signedStarts).as("stream %s", id).contains(id));
        // still ready, and still verifying
        HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")).build(), BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        byte[] validation = SEEDS.get(4);
        HttpResponse<String> answered = http.send(HttpRequest.newBuilder(webhook).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(validation)).build(), BodyHandlers.ofString());
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("encryptedToken");
        System.out.println("Webhook intake fuzz: " + REQUESTS + " requests (seed " + SEED + ") answered " + byStatus
                + "; streams started " + signedStarts.size() + " (all signed)");
    }

    private static boolean isJson(String contentType) {
        return io.camelrtms.webhook.ZoomWebhookProcessor.isAcceptedContentType(contentType);
    }

    /** The stream a correctly signed body would start, if it is a valid start. */
    private static Optional<String> signedStartOf(byte[] body) {
        return control(body).filter(c -> c.kind() == ControlMessage.Kind.STARTED).map(ControlMessage::streamId);
    }

    /** Whether the body is a valid start whose server is anywhere but 127.0.0.1. */
    private static boolean startsElsewhere(byte[] body) {
        return control(body).filter(c -> c.kind() == ControlMessage.Kind.STARTED)
                .map(c -> c.serverUrls().stream().anyMatch(u -> !URI.create(u).getHost().equals("127.0.0.1")
                        && !URI.create(u).getHost().equals("[::1]")))
                .orElse(false);
    }

    private static Optional<ControlMessage> control(byte[] body) {
        try {
            JsonNode envelope = JSON.readTree(body);
            return envelope != null && envelope.isObject() ? WebhookEvents.parse(envelope) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
