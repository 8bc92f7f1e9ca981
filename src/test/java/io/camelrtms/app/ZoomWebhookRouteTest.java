package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.ControlMessage.Kind;
import io.camelrtms.protocol.Product;
import io.camelrtms.webhook.ZoomSigner;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole intake through the real HTTP server: the YAML route on platform-http, the beans of
 * {@link WebhookConfiguration} and the {@code rtms-control} consumer, which is advised to report what
 * reaches it to {@code mock:control} and to wait at a gate when a test closes it.
 */
@CamelSpringBootTest
@UseAdviceWith
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rtms.zoom.webhook-secret-token=" + ZoomWebhookRouteTest.SECRET)
class ZoomWebhookRouteTest {

    /** Plainly not a real secret; the log test checks it never shows. */
    static final String SECRET = "not-a-real-webhook-secret";

    /** When set, the control consumer signals {@link #entered} and waits for this latch. */
    private static volatile CountDownLatch gate;
    private static volatile CountDownLatch entered;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    private CamelContext camel;

    @LocalServerPort
    private int port;
    @LocalManagementPort
    private int managementPort;

    private MockEndpoint control;

    @BeforeEach
    void adviseOnceAndReset() throws Exception {
        if (!camel.isStarted()) {
            AdviceWith.adviceWith(camel, "rtms-control", route -> {
                route.weaveAddFirst().process(exchange -> {
                    CountDownLatch closed = gate;
                    if (closed != null) {
                        entered.countDown();
                        closed.await(10, TimeUnit.SECONDS);
                    }
                });
                // the control messages stop here: this test is about intake, not about joining streams
                route.weaveById("rtms-control-to-component").replace().to("mock:control");
            });
            camel.start();
        }
        control = camel.getEndpoint("mock:control", MockEndpoint.class);
        control.reset();
        gate = null;
    }

    // ---------------------------------------------------------------- accepted events

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "meeting.rtms_started,                   MEETING,        meeting_uuid,  STARTED",
            "meeting.rtms_stopped,                   MEETING,        meeting_uuid,  STOPPED",
            "meeting.rtms_interrupted,               MEETING,        meeting_uuid,  INTERRUPTED",
            "webinar.rtms_started,                   WEBINAR,        webinar_uuid,  STARTED",
            "webinar.rtms_stopped,                   WEBINAR,        webinar_uuid,  STOPPED",
            "webinar.rtms_interrupted,               WEBINAR,        webinar_uuid,  INTERRUPTED",
            "session.rtms_started,                   SESSION,        session_id,    STARTED",
            "session.rtms_stopped,                   SESSION,        session_id,    STOPPED",
            "session.rtms_interrupted,               SESSION,        session_id,    INTERRUPTED",
            "contact_center.voice_rtms_started,      CONTACT_CENTER, engagement_id, STARTED",
            "contact_center.voice_rtms_stopped,      CONTACT_CENTER, engagement_id, STOPPED",
            "contact_center.voice_rtms_interrupted,  CONTACT_CENTER, engagement_id, INTERRUPTED",
    })
    void aSignedStreamEventIsAcceptedAndHandedOnNormalised(String event, Product product, String entityKey, Kind kind)
            throws Exception {
        String stream = UUID.randomUUID().toString();
        String body = "{\"event\":\"" + event + "\",\"event_ts\":1732000000123,\"payload\":{"
                + "\"" + entityKey + "\":\"Ab+/cD==\",\"rtms_stream_id\":\"" + stream + "\","
                + "\"server_urls\":\"wss://127.0.0.1:9/signaling\",\"stop_reason\":6}}";
        control.expectedMessageCount(1);

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"accepted\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        control.assertIsSatisfied();
        ControlMessage m = control.getReceivedExchanges().get(0).getMessage().getBody(ControlMessage.class);
        assertThat(m.kind()).isEqualTo(kind);
        assertThat(m.event()).isEqualTo(event);
        assertThat(m.product()).isEqualTo(product);
        assertThat(m.entityKey()).isEqualTo(entityKey);
        assertThat(m.entityId()).isEqualTo("Ab+/cD==");
        assertThat(m.streamId()).isEqualTo(stream);
        assertThat(m.eventTs()).isEqualTo(1732000000123L);
        assertThat(m.serverUrls()).isEqualTo(kind == Kind.STARTED ? List.of("wss://127.0.0.1:9/signaling") : List.of());
        assertThat(m.stopReason()).isEqualTo(kind == Kind.STOPPED ? 6 : null);
    }

    @Test
    void fieldsUnderPayloadObjectAreAcceptedToo() throws Exception {
        control.expectedMessageCount(1);

        HttpResponse<String> response = postSigned("{\"event\":\"meeting.rtms_interrupted\",\"event_ts\":3,"
                + "\"payload\":{\"object\":{\"meeting_uuid\":\"nested\",\"rtms_stream_id\":\"" + UUID.randomUUID() + "\"}}}");

        assertThat(response.statusCode()).isEqualTo(200);
        control.assertIsSatisfied();
        assertThat(control.getReceivedExchanges().get(0).getMessage().getBody(ControlMessage.class).entityId()).isEqualTo("nested");
    }

    @Test
    void concurrencyEventsAreHandedOn() throws Exception {
        control.expectedMessageCount(1);

        HttpResponse<String> response = postSigned("{\"event\":\"rtms.concurrency_limited\",\"event_ts\":" + System.nanoTime()
                + ",\"payload\":{\"operator_id\":\"op\",\"concurrency_number\":2000}}");

        assertThat(response.body()).isEqualTo("{\"status\":\"accepted\"}");
        control.assertIsSatisfied();
        assertThat(control.getReceivedExchanges().get(0).getMessage().getBody(ControlMessage.class).kind())
                .isEqualTo(Kind.CONCURRENCY_LIMITED);
    }

    @Test
    void theSignatureCoversTheExactBytesEvenWithNonAsciiAndOddWhitespace() throws Exception {
        String stream = UUID.randomUUID().toString();
        String operator = "Zo\u00eb \u00dcn\u00efc\u00f8d\u00e9 \u4f1a\u8bae \ud83c\udfa4";
        String body = "{\"event\": \"meeting.rtms_started\",\t\"event_ts\":1700000000123 ,\n  \"payload\":{ "
                + "\"meeting_uuid\":\"u\", \"operator_id\":\"" + operator + "\",  \"rtms_stream_id\":\"" + stream + "\", "
                + "\"server_urls\":\"wss://127.0.0.1:9/s\"}}\r\n";
        control.expectedMessageCount(1);

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(200);
        control.assertIsSatisfied();
        assertThat(control.getReceivedExchanges().get(0).getMessage().getBody(ControlMessage.class).attributes())
                .containsEntry("operator_id", operator);
    }

    @Test
    void bytesThatAreNotUtf8AreVerifiedAsReceivedAndThenRefusedAsJson() throws Exception {
        // "café" in ISO-8859-1: a lone 0xE9 byte. Decoding to text and back would change it and break the
        // signature (401); verified over the received bytes it passes, and only the JSON parser refuses it.
        byte[] head = "{\"event\":\"meeting.rtms_started\",\"payload\":{\"operator_id\":\"caf".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xE9;
        System.arraycopy(tail, 0, body, head.length + 1, tail.length);

        HttpResponse<String> response = send(post(BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json; charset=ISO-8859-1")
                .header("x-zm-signature", ZoomSigner.sign(SECRET, now(), body))
                .header("x-zm-request-timestamp", Long.toString(now())));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"malformed JSON\"}");
    }

    @Test
    void theAnswerDoesNotWaitForTheControlConsumer() throws Exception {
        gate = new CountDownLatch(1);
        entered = new CountDownLatch(1);
        control.expectedMessageCount(1);
        try {
            HttpResponse<String> response = postSigned(started(UUID.randomUUID().toString(), 1));

            // answered while the consumer is still held at the gate
            assertThat(response.body()).isEqualTo("{\"status\":\"accepted\"}");
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(control.getReceivedCounter()).isZero();
        } finally {
            gate.countDown();
        }
        control.assertIsSatisfied();
    }

    @Test
    void zoomRetriesOfTheSameDeliveryAreHandedOnOnce() throws Exception {
        String stream = UUID.randomUUID().toString();
        control.expectedMessageCount(1);

        assertThat(postSigned(started(stream, 10)).body()).isEqualTo("{\"status\":\"accepted\"}");
        control.assertIsSatisfied();
        // a retry is signed afresh but carries the same event, stream and event_ts
        HttpResponse<String> retry = postSigned(started(stream, 10));
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo("{\"status\":\"duplicate\"}");

        // a later delivery for the same stream (a failover start) is new; the queue keeps order, so had
        // the retry been queued it would have arrived before this one
        control.reset();
        control.expectedMessageCount(1);
        assertThat(postSigned(started(stream, 11)).body()).isEqualTo("{\"status\":\"accepted\"}");
        control.assertIsSatisfied();
        assertThat(control.getReceivedExchanges().get(0).getMessage().getBody(ControlMessage.class).eventTs()).isEqualTo(11);
    }

    @Test
    void aSignedEventTheBundleDoesNotActOnIsAcknowledged() throws Exception {
        HttpResponse<String> response = postSigned("{\"event\":\"meeting.participant_joined\",\"event_ts\":1,\"payload\":{}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ignored\"}");
    }

    // ---------------------------------------------------------------- url_validation

    @Test
    void urlValidationIsAnsweredWithTheExternallyComputedToken() throws Exception {
        // printf '%s' qgg8vlvZRS6UYooatFL8Aw | openssl dgst -sha256 -hmac not-a-real-webhook-secret
        String body = "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},"
                + "\"event_ts\":1654503849680}";

        HttpResponse<String> unsigned = send(post(BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
        HttpResponse<String> signed = postSigned(body);

        for (HttpResponse<String> response : List.of(unsigned, signed)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\","
                    + "\"encryptedToken\":\"571bdc2fc0a66a285ed13dd28162b5175bc9f083550513df275c3154d33c5341\"}");
        }
    }

    @Test
    void urlValidationWithoutAPlainTokenIsABadRequest() throws Exception {
        assertRefused(send(post(BodyPublishers.ofString("{\"event\":\"endpoint.url_validation\",\"payload\":{}}"))),
                400, "missing plainToken");
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void refusalsAnswerTheirStatusAndNothingIsHandedOn() throws Exception {
        String body = started(UUID.randomUUID().toString(), 1);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = now();

        assertRefused(send(post(BodyPublishers.ofString(body))), 401, "missing signature");
        assertRefused(send(post(BodyPublishers.ofString(body))
                .header("x-zm-signature", ZoomSigner.sign("some-other-secret", now, bytes))
                .header("x-zm-request-timestamp", Long.toString(now))), 401, "invalid signature");
        assertRefused(send(post(BodyPublishers.ofString(body))
                .header("x-zm-signature", ZoomSigner.sign(SECRET, now, bytes))), 401, "missing or invalid timestamp");
        // well outside the 300 s window (the exact edges are tested on the processor with a fixed clock)
        assertRefused(send(post(BodyPublishers.ofString(body))
                .header("x-zm-signature", ZoomSigner.sign(SECRET, now - 400, bytes))
                .header("x-zm-request-timestamp", Long.toString(now - 400))), 401, "timestamp outside the accepted window");
        assertRefused(send(post(BodyPublishers.ofString(body))
                .header("x-zm-signature", ZoomSigner.sign(SECRET, now + 400, bytes))
                .header("x-zm-request-timestamp", Long.toString(now + 400))), 401, "timestamp outside the accepted window");
        assertRefused(postSigned("{\"event\":\"meeting.rtms_started\","), 400, "malformed JSON");
        assertRefused(send(post(BodyPublishers.ofString("{not json"))), 400, "malformed JSON");
        assertRefused(postSigned("{\"event\":\"meeting.rtms_started\",\"payload\":{\"meeting_uuid\":\"u\","
                + "\"server_urls\":\"wss://x\"}}"), 400, "meeting.rtms_started has no rtms_stream_id");

        // nothing refused reached the consumer: the next accepted event is the first it sees
        control.expectedMessageCount(1);
        String stream = UUID.randomUUID().toString();
        postSigned(started(stream, 2));
        control.assertIsSatisfied();
        assertThat(control.getReceivedExchanges().get(0).getMessage().getBody(ControlMessage.class).streamId()).isEqualTo(stream);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');

        // with a Content-Length
        assertRefused(send(post(BodyPublishers.ofByteArray(big))), 413, "body too large");
        // chunked, without one
        assertRefused(send(post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))), 413, "body too large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void otherMethodsAreNotAllowed(String method) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(webhookUri()).timeout(Duration.ofSeconds(10))
                .method(method, method.equals("GET") || method.equals("OPTIONS") ? BodyPublishers.noBody()
                        : BodyPublishers.ofString(started("x", 1))));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
    }

    // ---------------------------------------------------------------- health and logs

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void neitherTheSecretNorAnySignatureEverAppearsInTheLogs(CapturedOutput output) throws Exception {
        List<String> signatures = new ArrayList<>();
        String body = started(UUID.randomUUID().toString(), 1);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = now();
        String good = ZoomSigner.sign(SECRET, now, bytes);
        String forged = ZoomSigner.sign("forged-secret", now, bytes);
        String stale = ZoomSigner.sign(SECRET, now - 1000, bytes);
        signatures.addAll(List.of(good, forged, stale));
        control.expectedMessageCount(1);

        send(post(BodyPublishers.ofString(body)).header("x-zm-signature", good).header("x-zm-request-timestamp", Long.toString(now)));
        send(post(BodyPublishers.ofString(body)).header("x-zm-signature", good).header("x-zm-request-timestamp", Long.toString(now)));
        send(post(BodyPublishers.ofString(body)).header("x-zm-signature", forged).header("x-zm-request-timestamp", Long.toString(now)));
        send(post(BodyPublishers.ofString(body)).header("x-zm-signature", stale).header("x-zm-request-timestamp", Long.toString(now - 1000)));
        send(post(BodyPublishers.ofString("{broken")).header("x-zm-signature", good).header("x-zm-request-timestamp", Long.toString(now)));
        postSigned("{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"}}");
        control.assertIsSatisfied();

        String logs = output.getAll();
        assertThat(logs).contains("Zoom control message", "Duplicate Zoom webhook ignored", "Refused Zoom webhook with 401");
        assertThat(logs).doesNotContain(SECRET);
        for (String signature : signatures) {
            assertThat(logs).doesNotContain(signature).doesNotContain(signature.substring(3));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String started(String stream, long eventTs) {
        return "{\"event\":\"meeting.rtms_started\",\"event_ts\":" + eventTs + ",\"payload\":{\"meeting_uuid\":\"m\","
                + "\"rtms_stream_id\":\"" + stream + "\",\"server_urls\":\"wss://127.0.0.1:9/signaling\"}}";
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private URI webhookUri() {
        return URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom");
    }

    private HttpRequest.Builder post(BodyPublisher body) {
        return HttpRequest.newBuilder(webhookUri()).timeout(Duration.ofSeconds(10)).POST(body);
    }

    private HttpResponse<String> postSigned(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = now();
        return send(post(BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/json")
                .header("x-zm-signature", ZoomSigner.sign(SECRET, now, bytes))
                .header("x-zm-request-timestamp", Long.toString(now)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(error).isEqualTo(status);
        assertThat(response.body()).isEqualTo("{\"error\":\"" + error + "\"}");
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-zm"));
    }
}
