package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.SessionState;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.protocol.StreamState;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    static final String SECRET = "fault-webhook-secret";
    /** Two seconds of talk played at 2x: long enough to drop and reconnect while it plays. */
    static final MeetingScript SCRIPT = MeetingScript.builder().durationMillis(2000)
            .speakers(MeetingScript.Speaker.of(21, "Dana", 1100), MeetingScript.Speaker.of(22, "Eli", 1300))
            .build();

    static Vertx vertx;
    static WebhookReceiver receiver;
    static ZoomSimulator sim;
    static int n;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        receiver = new WebhookReceiver(SECRET);
        sim = ZoomSimulator.start(SimulatorConfig.builder()
                .clientId(TestMessages.CLIENT_ID).clientSecret(TestMessages.CLIENT_SECRET)
                .webhook(receiver.uri(), SECRET).playbackSpeed(2)
                .signalingReconnectWindowMillis(5000).mediaReconnectWindowMillis(5000)
                .build());
    }

    @AfterAll
    static void stop() {
        sim.close();
        receiver.close();
        vertx.close();
    }

    private static SimulatedStream newStream(MeetingScript script) {
        return sim.createStream(Product.MEETING, "fault-uuid", "fault-stream-" + (n++), script);
    }

    /** Opens the audio socket (ready ack sent) and waits until the stream plays. */
    private static TestSocket streamingAudio(TestSession session, SimulatedStream s) {
        TestSocket audio = session.media("audio", 1, null, true);
        s.awaitState(StreamPhase.STREAMING, Duration.ofSeconds(5));
        return audio;
    }

    @Test
    void malformedFramesAreSentExactlyAsPromised() {
        SimulatedStream s = newStream(MeetingScript.standard());
        try (TestSession session = TestSession.open(vertx, s)) {
            TestSocket audio = session.media("audio", 1, null, false);
            for (MalformedFrame frame : MalformedFrame.values()) {
                for (SocketRole role : SocketRole.values()) {
                    TestSocket target = role == SocketRole.SIGNALING ? session.signaling : audio;
                    int before = target.frames().size();
                    String sent = s.faults().sendMalformed(frame, role);
                    await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5)).until(() -> target.frames().size() > before);
                    TestSocket.Frame got = target.frames().get(before);
                    if (frame == MalformedFrame.BINARY_GARBAGE) {
                        assertThat(got.binary()).isTrue();
                        assertThat(HexFormat.of().formatHex(got.bytes())).isEqualTo(sent);
                    } else {
                        assertThat(got.text()).isEqualTo(sent);
                    }
                }
            }
            JsonNode badBase64 = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    s.faults().sendMalformed(MalformedFrame.BAD_BASE64, SocketRole.MEDIA));
            assertThat(badBase64.path("content").path("data").asText()).contains("%");
            assertThat(s.faults().sendMalformed(MalformedFrame.UNKNOWN_MSG_TYPE, SocketRole.SIGNALING)).contains("\"msg_type\":99");
            assertThat(s.faults().sendMalformed(MalformedFrame.MISSING_CONTENT, SocketRole.MEDIA)).doesNotContain("content");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void malformedNeedsAnOpenSocket() {
        SimulatedStream s = newStream(MeetingScript.standard());
        assertThatThrownBy(() -> s.faults().sendMalformed(MalformedFrame.INVALID_JSON, SocketRole.MEDIA))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void droppedMediaSocketIsAnnouncedAndCanReconnect() {
        SimulatedStream s = newStream(SCRIPT);
        try (TestSession session = TestSession.open(vertx, s, 7)) {
            TestSocket audio = streamingAudio(session, s);

            assertThat(s.faults().dropMediaSocket(MediaKind.AUDIO)).isTrue();
            assertThat(audio.awaitClosed()).isEqualTo((short) 1011);
            JsonNode state = session.signaling.awaitMessage(m -> m.path("msg_type").asInt() == 8, Duration.ofSeconds(5));
            assertThat(state.path("state").asInt()).isEqualTo(2);
            assertThat(state.path("reason").asInt()).isEqualTo(14);
            JsonNode event = session.signaling.awaitMessage(m -> m.path("event").path("event_type").asInt() == 7, Duration.ofSeconds(5));
            assertThat(event.path("event").path("media_type").asInt()).isEqualTo(1);

            TestSocket again = session.media("audio", 1, null, true);
            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(10));
            again.awaitClosed();
            assertThat(s.stopReason()).isEqualTo(6);
            assertThat(again.messages(14)).isNotEmpty();
            assertThat(s.negotiated()).hasSize(2);
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void endingWithMediaClosedFirstClosesMediaBeforeMsg8() {
        SimulatedStream s = newStream(SCRIPT);
        try (TestSession session = TestSession.open(vertx, s)) {
            TestSocket audio = streamingAudio(session, s);

            s.faults().endWithMediaClosedFirst(StopReason.MEETING_ENDED, 1_000);
            assertThat(audio.awaitClosed()).isEqualTo((short) 1000);
            // msg 8 is a second behind the media close
            assertThat(session.signaling.messages(8)).isEmpty();
            JsonNode state = session.signaling.awaitMessage(m -> m.path("msg_type").asInt() == 8, Duration.ofSeconds(5));
            assertThat(state.path("state").asInt()).isEqualTo(StreamState.TERMINATED.code());
            assertThat(state.path("reason").asInt()).isEqualTo(StopReason.MEETING_ENDED.code());
            session.signaling.awaitClosed();
            assertThat(s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(5)).stopReason()).isEqualTo(StopReason.MEETING_ENDED.code());
        }
    }

    @Test
    void droppedSignalingPostsInterruptedAndAcceptsAFullReHandshake() {
        SimulatedStream s = newStream(SCRIPT);
        try (TestSession session = TestSession.open(vertx, s)) {
            TestSocket audio = streamingAudio(session, s);

            assertThat(s.faults().dropSignaling()).isTrue();
            session.signaling.awaitClosed();
            audio.awaitClosed();
            WebhookReceiver.Request interrupted = receiver.awaitEventFor("meeting.rtms_interrupted", s.streamId());
            assertThat(receiver.signatureValid(interrupted)).isTrue();
            assertThat(interrupted.json().path("payload").has("server_urls")).isFalse();
            assertThat(s.phase()).isEqualTo(StreamPhase.INTERRUPTED);

            try (TestSession again = TestSession.open(vertx, s)) {
                TestSocket audio2 = again.media("audio", 1, null, true);
                s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(10));
                audio2.awaitClosed();
                assertThat(s.stopReason()).isEqualTo(6);
                assertThat(s.violations()).isEmpty();
            }
        }
    }

    @Test
    void failoverMovesTheStreamToANewUrlAndPostsANewStarted() throws Exception {
        SimulatedStream s = newStream(SCRIPT);
        String oldUrl = s.signalingUrl();
        try (TestSession session = TestSession.open(vertx, s)) {
            session.media("audio", 1, null, true);
            String newUrl = s.faults().failover();
            assertThat(newUrl).isNotEqualTo(oldUrl).isEqualTo(s.signalingUrl());
            session.signaling.awaitClosed();

            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.requests("meeting.rtms_started").stream()
                    .anyMatch(r -> r.json().path("payload").path("server_urls").asText().equals(newUrl)));
            WebhookReceiver.Request started = receiver.requests("meeting.rtms_started").stream()
                    .filter(r -> r.json().path("payload").path("server_urls").asText().equals(newUrl)).findFirst().orElseThrow();
            assertThat(started.json().path("payload").path("rtms_stream_id").asText()).isEqualTo(s.streamId());
            assertThat(receiver.signatureValid(started)).isTrue();

            int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    oldUrl.replace("ws://", "http://"))).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(status).isEqualTo(404);

            try (TestSession moved = TestSession.open(vertx, s)) {
                moved.media("all", 32, null, true);
                s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(10));
                assertThat(s.stopReason()).isEqualTo(6);
            }
        }
    }

    @Test
    void injectedRefusalsComeFirstThenTheHandshakeSucceeds() {
        SimulatedStream s = newStream(MeetingScript.standard());
        s.faults().rejectSignature(1).rejectDuplicate(2).delayHandshake(Duration.ofMillis(50));
        String[] expected = {"invalid signature", "duplicate signal request", "duplicate signal request"};
        for (String reason : expected) {
            try (TestSocket sig = TestSocket.connect(vertx, s.signalingUrl())) {
                sig.send(TestMessages.signalingHandshake(s));
                JsonNode resp = sig.awaitMessage(2);
                assertThat(resp.path("status_code").asInt()).isNotZero();
                assertThat(resp.path("reason").asText()).isEqualTo(reason);
                sig.awaitClosed();
            }
        }
        try (TestSession ok = TestSession.open(vertx, s)) {
            assertThat(ok.handshakeResponse.path("status_code").asInt()).isZero();
        }
        assertThat(s.violations()).isEmpty();
    }

    @Test
    void stateUpdatesCanBeInjected() {
        SimulatedStream s = newStream(MeetingScript.standard());
        try (TestSession session = TestSession.open(vertx, s)) {
            s.faults().sendSessionState(SessionState.STOPPED, StopReason.USER_LEFT);
            s.faults().sendStreamState(StreamState.INTERRUPTED, StopReason.SIGNAL_CONNECTION_INTERRUPTED);
            JsonNode session9 = session.signaling.awaitMessage(9);
            assertThat(session9.path("state").asInt()).isEqualTo(5);
            assertThat(session9.path("stop_reason").asInt()).isEqualTo(3);
            JsonNode stream8 = session.signaling.awaitMessage(8);
            assertThat(stream8.path("state").asInt()).isEqualTo(2);
            assertThat(stream8.path("reason").asInt()).isEqualTo(13);
            assertThat(s.phase()).isEqualTo(StreamPhase.SIGNALING);
        }
    }

    @Test
    void aStreamWhoseClientNeverComesBackEndsWhenTheWindowCloses() {
        try (ZoomSimulator quick = ZoomSimulator.start(SimulatorConfig.builder().clientId(TestMessages.CLIENT_ID)
                .clientSecret(TestMessages.CLIENT_SECRET).signalingReconnectWindowMillis(100).build())) {
            SimulatedStream s = quick.createStream(Product.MEETING, "gone", "gone-1", MeetingScript.standard());
            TestSession session = TestSession.open(vertx, s);
            session.close();
            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(5));
            assertThat(s.stopReason()).isEqualTo(StopReason.AWAIT_RECONNECTION_TIMEOUT.code());
        }
    }
}
