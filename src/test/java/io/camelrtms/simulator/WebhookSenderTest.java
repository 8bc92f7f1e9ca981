package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.StopReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    static final String SECRET = "webhook-secret-token";

    WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver(SECRET);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void signsLikeZoomOverTheExactBody() {
        WebhookSender sender = new WebhookSender(receiver.uri(), SECRET);
        ObjectNode envelope = ZoomWebhooks.started(Product.MEETING, "m/u+u==", "s1", "wss://x/signaling/1", 1_700_000_000_000L);

        assertThat(sender.send(envelope)).isEqualTo(200);

        WebhookReceiver.Request r = receiver.requests().get(0);
        assertThat(receiver.signatureValid(r)).isTrue();
        assertThat(r.signature()).matches("v0=[0-9a-f]{64}");
        assertThat(Long.parseLong(r.timestamp())).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.upgrade()).as("plain HTTP/1.1, no h2c upgrade").isNull();
        assertThat(r.json()).isEqualTo(envelope);
    }

    @Test
    void rawBytesAreSignedAsSent() {
        WebhookSender sender = new WebhookSender(receiver.uri(), SECRET);
        byte[] body = "{ \"event\" : \"meeting.rtms_stopped\", \"payload\":{\"note\":\"caf\u00e9 \u2713\"} }".getBytes(StandardCharsets.UTF_8);
        sender.send(body);
        WebhookReceiver.Request r = receiver.requests().get(0);
        assertThat(r.body()).isEqualTo(body);
        assertThat(receiver.signatureValid(r)).isTrue();
    }

    @Test
    void returnsTheReceiversStatus() {
        receiver.status = 401;
        assertThat(new WebhookSender(receiver.uri(), SECRET).send(ZoomWebhooks.interrupted(Product.MEETING, "m", "s", 1))).isEqualTo(401);
        assertThat(new WebhookSender(receiver.uri(), "another-secret").validateEndpoint("abc")).isFalse();
    }

    @Test
    void validatesAnEndpointWithTheChallenge() {
        assertThat(new WebhookSender(receiver.uri(), SECRET).validateEndpoint("qgg8vlvZRS6UYooatFL8Aw")).isTrue();
        assertThat(receiver.requests().get(0).event()).isEqualTo("endpoint.url_validation");
    }

    @Test
    void envelopesHaveEachProductsFieldsDirectlyUnderPayload() {
        JsonNode meeting = ZoomWebhooks.started(Product.MEETING, "m1", "s1", "wss://a", 5).path("payload");
        assertThat(meeting.fieldNames()).toIterable().containsExactlyInAnyOrder("meeting_uuid", "operator_id", "rtms_stream_id", "server_urls");
        JsonNode webinar = ZoomWebhooks.started(Product.WEBINAR, "w1", "s1", "wss://a", 5);
        assertThat(webinar.path("event").asText()).isEqualTo("webinar.rtms_started");
        assertThat(webinar.path("payload").path("webinar_uuid").asText()).isEqualTo("w1");
        JsonNode session = ZoomWebhooks.stopped(Product.SESSION, "x1", "s1", 6, 5);
        assertThat(session.path("event").asText()).isEqualTo("session.rtms_stopped");
        assertThat(session.path("payload").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("session_id", "session_key", "rtms_stream_id", "stop_reason");
        JsonNode cc = ZoomWebhooks.interrupted(Product.CONTACT_CENTER, "e1", "s1", 5);
        assertThat(cc.path("event").asText()).isEqualTo("contact_center.voice_rtms_interrupted");
        assertThat(cc.path("payload").fieldNames()).toIterable().containsExactlyInAnyOrder("engagement_id", "rtms_stream_id");
        assertThat(cc.path("event_ts").asLong()).isEqualTo(5);
    }

    @Test
    void theSimulatorLaunchesStreamsAndPostsStartedAndStopped() {
        try (ZoomSimulator sim = ZoomSimulator.start(SimulatorConfig.builder().clientId(TestMessages.CLIENT_ID)
                .clientSecret(TestMessages.CLIENT_SECRET).webhook(receiver.uri(), SECRET).build())) {
            SimulatedStream s = sim.launch(Product.WEBINAR, MeetingScript.standard());
            WebhookReceiver.Request started = receiver.awaitEvent("webinar.rtms_started", 1);
            assertThat(receiver.signatureValid(started)).isTrue();
            JsonNode p = started.json().path("payload");
            assertThat(p.path("webinar_uuid").asText()).isEqualTo(s.entityId());
            assertThat(p.path("rtms_stream_id").asText()).isEqualTo(s.streamId()).matches("[0-9a-f]{32}");
            assertThat(p.path("server_urls").asText()).isEqualTo(s.signalingUrl());
            assertThat(started.json()).isEqualTo(s.startedWebhook());

            s.stop(StopReason.HOST_TRIGGERED);
            WebhookReceiver.Request stopped = receiver.awaitEvent("webinar.rtms_stopped", 1);
            assertThat(stopped.json().path("payload").path("stop_reason").asInt()).isEqualTo(1);
            assertThat(receiver.signatureValid(stopped)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.webhooks().size() == 2);
            assertThat(s.webhooks()).extracting(WebhookDelivery::status).containsExactly(200, 200);
            assertThat(s.webhooks()).extracting(WebhookDelivery::event).containsExactly("webinar.rtms_started", "webinar.rtms_stopped");
        }
    }
}
