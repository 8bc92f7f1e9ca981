package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelrtms.protocol.Product;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignalingHandshakeTest {

    static Vertx vertx;
    static ZoomSimulator sim;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        sim = ZoomSimulator.start(SimulatorConfig.builder()
                .clientId(TestMessages.CLIENT_ID).clientSecret(TestMessages.CLIENT_SECRET).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
        vertx.close();
    }

    @Test
    void correctSignatureGetsMediaUrlsForEveryKindAndAll() {
        SimulatedStream s = sim.createStream(Product.MEETING, "abc/+de==", "stream-ok", MeetingScript.standard());
        try (TestSocket sig = TestSocket.connect(vertx, s.signalingUrl())) {
            sig.send(TestMessages.signalingHandshake(s));
            JsonNode resp = sig.awaitMessage(2);

            assertThat(resp.path("status_code").asInt()).isZero();
            assertThat(resp.path("sequence").asInt()).isEqualTo(42);
            JsonNode urls = resp.path("media_server").path("server_urls");
            assertThat(urls.fieldNames()).toIterable()
                    .containsExactly("audio", "video", "sharescreen", "transcript", "chat", "all");
            assertThat(urls.path("audio").asText()).startsWith(sim.baseUrl() + "/media/").endsWith("/audio");
            s.awaitState(StreamPhase.SIGNALING, Duration.ofSeconds(5));
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void wrongSignatureIsRefusedWithReasonAndClosed() {
        SimulatedStream s = sim.createStream(Product.MEETING, "uuid-1", "stream-badsig", MeetingScript.standard());
        try (TestSocket sig = TestSocket.connect(vertx, s.signalingUrl())) {
            String wrong = TestMessages.hmacHex("not-the-secret", TestMessages.CLIENT_ID + ",uuid-1,stream-badsig");
            sig.send(TestMessages.signalingHandshake("meeting_uuid", "uuid-1", "stream-badsig", wrong).toString());

            JsonNode resp = sig.awaitMessage(2);
            assertThat(resp.path("status_code").asInt()).isNotZero();
            assertThat(resp.path("reason").asText()).contains("invalid signature");
            assertThat(resp.has("media_server")).isFalse();
            sig.awaitClosed();
            assertThat(s.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.INVALID_SIGNATURE);
            assertThat(s.violations().get(0).detail()).doesNotContain(wrong);
            assertThat(s.phase()).isEqualTo(StreamPhase.WAITING);
        }
    }

    @Test
    void secondSignalingConnectionIsADuplicateAndTheFirstStays() {
        SimulatedStream s = sim.createStream(Product.MEETING, "uuid-2", "stream-dup", MeetingScript.standard());
        try (TestSocket first = TestSocket.connect(vertx, s.signalingUrl());
             TestSocket second = TestSocket.connect(vertx, s.signalingUrl())) {
            first.send(TestMessages.signalingHandshake(s));
            assertThat(first.awaitMessage(2).path("status_code").asInt()).isZero();

            second.send(TestMessages.signalingHandshake(s));
            JsonNode resp = second.awaitMessage(2);
            assertThat(resp.path("status_code").asInt()).isNotZero();
            assertThat(resp.path("reason").asText()).contains("duplicate signal request");
            second.awaitClosed();
            assertThat(first.isClosed()).isFalse();
            assertThat(s.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.DUPLICATE_SIGNALING);
        }
    }

    @Test
    void productEntityKeysAreChecked() {
        SimulatedStream webinar = sim.createStream(Product.WEBINAR, "web-uuid", "stream-web", MeetingScript.standard());
        try (TestSocket sig = TestSocket.connect(vertx, webinar.signalingUrl())) {
            // Webinars are accepted under meeting_uuid too (the SDK sends it there).
            sig.send(TestMessages.signalingHandshake("meeting_uuid", "web-uuid", "stream-web",
                    TestMessages.signature("web-uuid", "stream-web")).toString());
            assertThat(sig.awaitMessage(2).path("status_code").asInt()).isZero();
        }
        SimulatedStream cc = sim.createStream(Product.CONTACT_CENTER, "eng-1", "stream-cc", MeetingScript.contactCenter());
        try (TestSocket sig = TestSocket.connect(vertx, cc.signalingUrl())) {
            // Contact Center needs engagement_id; meeting_uuid is not enough.
            sig.send(TestMessages.signalingHandshake("meeting_uuid", "eng-1", "stream-cc",
                    TestMessages.signature("eng-1", "stream-cc")).toString());
            JsonNode resp = sig.awaitMessage(2);
            assertThat(resp.path("status_code").asInt()).isNotZero();
            assertThat(resp.path("reason").asText()).contains("engagement_id");
        }
        try (TestSocket sig = TestSocket.connect(vertx, cc.signalingUrl())) {
            sig.send(TestMessages.signalingHandshake(cc));
            JsonNode resp = sig.awaitMessage(2);
            assertThat(resp.path("status_code").asInt()).isZero();
            // Contact Center apps stream audio and transcript only.
            assertThat(resp.path("media_server").path("server_urls").fieldNames()).toIterable()
                    .containsExactly("audio", "transcript", "all");
        }
    }

    @Test
    void messagesOtherThanTheHandshakeFirstAreRefused() {
        SimulatedStream s = sim.createStream(Product.MEETING, "uuid-3", "stream-order", MeetingScript.standard());
        try (TestSocket sig = TestSocket.connect(vertx, s.signalingUrl())) {
            sig.send(TestMessages.ready(s));
            assertThat(sig.awaitMessage(2).path("status_code").asInt()).isNotZero();
            sig.awaitClosed();
        }
        assertThat(s.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.UNEXPECTED_MESSAGE);
        assertThat(s.received()).extracting(ReceivedMessage::msgType).containsExactly(7);
    }

    @Test
    void binaryFramesFromTheClientAreAccepted() {
        SimulatedStream s = sim.createStream(Product.SESSION, "sess-1", "stream-bin", MeetingScript.standard());
        try (TestSocket sig = TestSocket.connect(vertx, s.signalingUrl())) {
            sig.sendBinary(TestMessages.signalingHandshake("session_id", "sess-1", "stream-bin",
                    TestMessages.signature("sess-1", "stream-bin")).toString());
            assertThat(sig.awaitMessage(2).path("status_code").asInt()).isZero();
            assertThat(s.received().get(0).binary()).isTrue();
        }
    }

    @Test
    void unknownStreamPathIs404() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + "/signaling/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void endedStreamRefusesNewHandshakes() {
        SimulatedStream s = sim.createStream(Product.MEETING, "uuid-4", "stream-ended", MeetingScript.standard());
        s.stop(io.camelrtms.protocol.StopReason.HOST_TRIGGERED);
        assertThat(s.phase()).isEqualTo(StreamPhase.ENDED);
        assertThat(s.stopReason()).isEqualTo(1);
        try (TestSocket sig = TestSocket.connect(vertx, s.signalingUrl())) {
            sig.send(TestMessages.signalingHandshake(s));
            assertThat(sig.awaitMessage(2).path("status_code").asInt()).isNotZero();
            await().until(sig::isClosed);
        }
    }
}
