package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelrtms.protocol.Product;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeepAliveTest {

    static Vertx vertx;
    static ZoomSimulator sim;
    static int n;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        sim = ZoomSimulator.start(SimulatorConfig.builder()
                .clientId(TestMessages.CLIENT_ID).clientSecret(TestMessages.CLIENT_SECRET)
                .keepAliveIntervalMillis(100).keepAliveMissLimit(3)
                .signalingReconnectWindowMillis(300).mediaReconnectWindowMillis(300)
                .build());
    }

    @AfterAll
    static void stop() {
        sim.close();
        vertx.close();
    }

    private static SimulatedStream newStream(MeetingScript script) {
        return sim.createStream(Product.MEETING, "ka-uuid", "ka-stream-" + (n++), script);
    }

    @Test
    void idleSocketsGetKeepAlivesAndTheAnswersAreRecorded() {
        SimulatedStream s = newStream(MeetingScript.standard());
        try (TestSession session = TestSession.open(vertx, s)) {
            TestSocket audio = session.media("audio", 1, null, false); // no msg 7: both sockets stay idle
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    s.keepAlives(SocketRole.SIGNALING).stream().filter(KeepAlive::answered).count() >= 2
                            && s.keepAlives(SocketRole.MEDIA).stream().filter(KeepAlive::answered).count() >= 2);

            List<Long> sentOnMedia = audio.messages(12).stream().map(m -> m.path("timestamp").asLong()).toList();
            assertThat(s.keepAlives(SocketRole.MEDIA)).filteredOn(KeepAlive::answered)
                    .allSatisfy(k -> {
                        assertThat(k.urlKey()).isEqualTo("audio");
                        assertThat(sentOnMedia).contains(k.timestamp());
                    });
            assertThat(s.received(13)).isNotEmpty();
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void aWrongEchoIsAViolation() {
        SimulatedStream s = newStream(MeetingScript.standard());
        try (TestSession session = TestSession.open(vertx, s)) {
            session.signaling.keepAliveAnswer = ka -> "{\"msg_type\":13,\"timestamp\":" + (ka.get("timestamp").asLong() - 5) + "}";
            await().atMost(Duration.ofSeconds(10)).until(() -> !s.violations().isEmpty());
            assertThat(s.violations().get(0).kind()).isEqualTo(Violation.Kind.KEEP_ALIVE_ECHO_MISMATCH);
            assertThat(s.violations().get(0).role()).isEqualTo(SocketRole.SIGNALING);
            assertThat(s.keepAlives(SocketRole.SIGNALING)).noneMatch(KeepAlive::answered);
        }
    }

    @Test
    void anAnswerOnAnotherSocketIsAViolation() {
        SimulatedStream s = newStream(MeetingScript.standard());
        try (TestSession session = TestSession.open(vertx, s)) {
            session.signaling.keepAliveAnswer = ka -> "{\"msg_type\":13,\"timestamp\":" + ka.get("timestamp").asLong() + "}";
            TestSocket audio = session.media("audio", 1, null, false);
            // The media socket's keep-alives are answered on the signaling socket.
            audio.keepAliveAnswer = ka -> {
                session.signaling.send("{\"msg_type\":13,\"timestamp\":" + ka.get("timestamp").asLong() + "}");
                return null;
            };
            await().atMost(Duration.ofSeconds(10)).until(() -> !s.violations().isEmpty());
            assertThat(s.violations().get(0).kind()).isEqualTo(Violation.Kind.KEEP_ALIVE_WRONG_SOCKET);
            assertThat(s.violations().get(0).detail()).contains("media(audio)");
        }
    }

    @Test
    void unansweredSignalingKeepAlivesEndTheStreamWithReason24() {
        SimulatedStream s = newStream(MeetingScript.standard());
        try (TestSession session = TestSession.open(vertx, s)) {
            session.signaling.keepAliveAnswer = ka -> null;
            session.signaling.awaitClosed();
            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(10));
            assertThat(s.hasReached(StreamPhase.INTERRUPTED)).isTrue();
            assertThat(s.stopReason()).isEqualTo(24);
            assertThat(s.keepAlives(SocketRole.SIGNALING)).hasSize(3).noneMatch(KeepAlive::answered);
        }
    }

    @Test
    void unansweredMediaKeepAlivesInterruptThatSocketThenEndTheStream() {
        SimulatedStream s = newStream(MeetingScript.standard());
        try (TestSession session = TestSession.open(vertx, s, 7)) {
            TestSocket audio = session.media("audio", 1, null, false);
            audio.keepAliveAnswer = ka -> null;
            audio.awaitClosed();
            JsonNode interrupted = session.signaling.awaitMessage(m -> m.path("msg_type").asInt() == 8
                    && m.path("state").asInt() == 2, Duration.ofSeconds(5));
            assertThat(interrupted.path("reason").asInt()).isEqualTo(14);
            JsonNode event7 = session.signaling.awaitMessage(6).path("event");
            assertThat(event7.path("event_type").asInt()).isEqualTo(7);

            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(10));
            assertThat(s.stopReason()).isEqualTo(24);
            JsonNode end = session.signaling.awaitMessage(m -> m.path("msg_type").asInt() == 8
                    && m.path("state").asInt() == 4, Duration.ofSeconds(5));
            assertThat(end.path("reason").asInt()).isEqualTo(24);
        }
    }

    @Test
    void mediaKeepAlivesFlowInTheIdleGapOfAPlayingStream() {
        MeetingScript script = MeetingScript.builder()
                .durationMillis(1200)
                .speakers(MeetingScript.Speaker.of(11, "Solo", 1000).talks(0, 300).talks(900, 1200))
                .idleGap(300, 600)
                .build();
        SimulatedStream s = newStream(script);
        try (TestSession session = TestSession.open(vertx, s)) {
            TestSocket audio = session.media("audio", 1, null, true);
            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(10));
            audio.awaitClosed();
            long t0 = s.firstPacketTimestamp();
            assertThat(s.keepAlives(SocketRole.MEDIA)).anyMatch(k -> k.timestamp() > t0 && k.answered());
            assertThat(audio.messages(14)).isNotEmpty();
            assertThat(s.violations()).isEmpty();
        }
    }
}
