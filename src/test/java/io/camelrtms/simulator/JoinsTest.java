package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Joins recorded per connection, data counted per stream, a stream joined by two clients at once accepted
 * and flagged, and what a client that fell silent may never have read counted.
 */
class JoinsTest {

    static Vertx vertx;
    static ZoomSimulator sim;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        sim = ZoomSimulator.start(SimulatorConfig.builder().clientId(TestMessages.CLIENT_ID)
                .clientSecret(TestMessages.CLIENT_SECRET).acceptConcurrentSignaling(true)
                .keepAliveIntervalMillis(500).keepAliveMissLimit(2).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
        vertx.close();
    }

    @Test
    void everySignalingAndMediaJoinIsRecordedWithItsConnection() {
        SimulatedStream s = sim.createStream(Product.MEETING, "uuid-joins", "stream-joins", MeetingScript.standard());
        try (TestSession session = TestSession.open(vertx, s)) {
            assertThat(s.sent(MediaKind.AUDIO)).isZero();
            session.media("audio", 1, TestMessages.audioParams(1, 3, 2, 2, 100), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> s.sent(MediaKind.AUDIO) > 0);
            assertThat(s.sent(MediaKind.TRANSCRIPT)).as("no transcript socket").isZero();
            assertThat(s.joins()).extracting(Join::role).containsExactly(SocketRole.SIGNALING, SocketRole.MEDIA);
            assertThat(s.joins(SocketRole.MEDIA).get(0).urlKey()).isEqualTo("audio");
            assertThat(s.joins(SocketRole.SIGNALING).get(0).urlKey()).isNull();
            assertThat(s.joins()).extracting(Join::connection).doesNotHaveDuplicates();
            assertThat(s.joins()).allSatisfy(j -> assertThat(j.remote()).startsWith("127.0.0.1:"));
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void aSecondClientJoiningWhileTheFirstIsAliveIsAcceptedAndFlagged() {
        SimulatedStream s = sim.createStream(Product.MEETING, "uuid-two", "stream-two", MeetingScript.standard());
        try (TestSession first = TestSession.open(vertx, s);
             TestSession second = TestSession.open(vertx, s)) {
            // the first client answers the keep-alive that asks whether it is still there
            await().atMost(Duration.ofSeconds(5)).until(() -> !s.violations().isEmpty());
            assertThat(s.joins(SocketRole.SIGNALING)).hasSize(2);
            assertThat(s.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.CONCURRENT_SIGNALING);
            Join one = s.joins(SocketRole.SIGNALING).get(0);
            Join two = s.joins(SocketRole.SIGNALING).get(1);
            assertThat(s.violations().get(0).detail()).contains("connection " + one.connection() + " from " + one.remote())
                    .contains("after connection " + two.connection() + " from " + two.remote());
            assertThat(second.signaling.isClosed()).isFalse();
        }
    }

    @Test
    void aFirstClientThatIsGoneIsReplacedWithoutAViolation() {
        SimulatedStream s = sim.createStream(Product.MEETING, "uuid-gone", "stream-gone", MeetingScript.standard());
        try (TestSession first = TestSession.open(vertx, s)) {
            first.signaling.keepAliveAnswer = ka -> null; // frozen: the socket is open, nobody answers
            first.media("audio", 1, TestMessages.audioParams(1, 3, 2, 2, 100), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> s.sent(MediaKind.AUDIO) > 0);
            try (TestSession second = TestSession.open(vertx, s)) {
                assertThat(s.openSignalingConnections()).isEqualTo(2);
                first.signaling.awaitClosed();
                assertThat(s.openSignalingConnections()).isEqualTo(1);
                assertThat(second.signaling.isClosed()).isFalse();
                assertThat(s.joins(SocketRole.SIGNALING)).hasSize(2);
                assertThat(s.violations()).isEmpty();
                // last heard from with its msg 7: all the audio it was sent may be lost with it
                assertThat(s.possiblyUnread()).singleElement().satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(MediaKind.AUDIO);
                    assertThat(p.connection()).isEqualTo(s.joins(SocketRole.MEDIA).get(0).connection());
                    assertThat((long) p.messages()).isEqualTo(s.sent(MediaKind.AUDIO));
                });
            }
        }
    }

    @Test
    void whatASocketWasSentAfterItsClientWasLastHeardFromIsCountedAsPossiblyUnreadWhenItIsDroppedForSilence() {
        SimulatedStream s = sim.createStream(Product.MEETING, "uuid-silent", "stream-silent", MeetingScript.benchmark(60_000));
        try (TestSession session = TestSession.open(vertx, s)) {
            session.media("audio", 1, TestMessages.audioParams(1, 3, 2, 2, 100), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> s.sent(MediaKind.AUDIO) > 0);
            Instant flowing = Instant.now();
            // the idle signaling socket answers a keep-alive while audio flows: what went before counts as read
            await().atMost(Duration.ofSeconds(10)).until(() -> s.keepAlives(SocketRole.SIGNALING).stream()
                    .anyMatch(k -> k.answered() && k.sentAt().isAfter(flowing)));
            session.signaling.keepAliveAnswer = ka -> null;
            await().atMost(Duration.ofSeconds(10)).until(() -> !s.possiblyUnread().isEmpty());

            assertThat(s.possiblyUnread()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(MediaKind.AUDIO);
                assertThat(p.connection()).isEqualTo(s.joins(SocketRole.MEDIA).get(0).connection());
                assertThat(p.fromMs()).isPositive().isLessThanOrEqualTo(p.toMs());
            });
            assertThat(s.possiblyUnread(MediaKind.AUDIO)).isPositive().isLessThan(s.sent(MediaKind.AUDIO));
            assertThat(s.possiblyUnread(MediaKind.TRANSCRIPT)).isZero();
        }
    }

    @Test
    void aClientJoiningAfterTheFirstLeftIsNoViolation() {
        SimulatedStream s = sim.createStream(Product.MEETING, "uuid-after", "stream-after", MeetingScript.standard());
        TestSession first = TestSession.open(vertx, s);
        first.close();
        first.signaling.awaitClosed();
        s.awaitState(StreamPhase.INTERRUPTED, Duration.ofSeconds(5));
        try (TestSession second = TestSession.open(vertx, s)) {
            assertThat(s.joins(SocketRole.SIGNALING)).hasSize(2);
            assertThat(s.violations()).isEmpty();
        }
    }
}
