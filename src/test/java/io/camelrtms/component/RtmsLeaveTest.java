package io.camelrtms.component;

import static io.camelrtms.component.RtmsHarness.lifecycles;
import static io.camelrtms.component.RtmsHarness.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.ZoomSimulator;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.camel.Exchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Leaving a stream open for another run while its route is stuck with exchanges queued: a graceful
 * leave still hands them all to the route before the last exchange, a fenced one discards them (the
 * next owner may already have written past them) and hands over only the fenced last exchange.
 */
class RtmsLeaveTest {

    static final String ID = "leave-id";
    static final String SECRET = "leave-secret";
    static final Duration WAIT = Duration.ofSeconds(30);

    static ZoomSimulator zoom;

    @BeforeAll
    static void startZoom() {
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(ID).clientSecret(SECRET).host("127.0.0.1").port(0)
                .playbackSpeed(4).keepAliveIntervalMillis(60_000).build());
    }

    @AfterAll
    static void stopZoom() {
        zoom.close();
    }

    /** The stream's exchanges once it was left with {@code reason} while its route was stuck on its first exchange. */
    private static List<Exchange> leaveWhileTheRouteIsStuck(RtmsHarness h, LeaveReason reason) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        h.out.whenAnyExchangeReceived(e -> gate.await(20, TimeUnit.SECONDS));
        SimulatedStream s = zoom.createStream(Product.MEETING, "leave-" + UUID.randomUUID(), "leave-" + UUID.randomUUID(),
                MeetingScript.benchmark(60_000));
        h.start(s);
        // STARTED is stuck in the route; CONNECTED and audio queue behind it until the sockets pause
        Awaitility.await().atMost(WAIT).until(() -> h.rtms.queuedMessages() >= 6);
        assertThat(h.rtms.leave(List.of(s.streamId()), reason, "test leaves", 0)).containsExactly(s.streamId());
        gate.countDown();
        Awaitility.await().atMost(WAIT).until(() -> !h.rtms.streamIds().contains(s.streamId()));
        return h.exchanges(s.streamId());
    }

    @Test
    void aFencedLeaveDiscardsWhatWasQueuedAndHandsOverOnlyItsLastExchange() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&queueCapacity=8", c -> { })) {
            List<Exchange> all = leaveWhileTheRouteIsStuck(h, LeaveReason.FENCED);

            assertThat(h.rtms.statistics().frames(RtmsMediaType.AUDIO)).as("audio was received and queued").isPositive();
            assertThat(lifecycles(all)).containsExactly("STARTED", "INTERRUPTED");
            assertThat(all).hasSize(2);
            Exchange last = all.get(1);
            assertThat(last.getIn().getHeader(RtmsConstants.LEFT)).isEqualTo(true);
            assertThat(last.getIn().getHeader(RtmsConstants.FENCED)).isEqualTo(true);
        }
    }

    @Test
    void aGracefulLeaveHandsOverEverythingReceivedBeforeItsLastExchange() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&queueCapacity=8", c -> { })) {
            List<Exchange> all = leaveWhileTheRouteIsStuck(h, LeaveReason.GRACEFUL);

            long received = h.rtms.statistics().frames(RtmsMediaType.AUDIO);
            assertThat(received).isPositive();
            assertThat(of(all, "AUDIO").stream().mapToLong(e -> e.getIn().getHeader(RtmsConstants.SEQUENCE, Long.class)).toArray())
                    .containsExactly(LongStream.rangeClosed(1, received).toArray());
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "INTERRUPTED");
            Exchange last = all.get(all.size() - 1);
            assertThat(last.getIn().getHeader(RtmsConstants.LIFECYCLE)).isEqualTo("INTERRUPTED");
            assertThat(last.getIn().getHeader(RtmsConstants.LEFT)).isEqualTo(true);
            assertThat(last.getIn().getHeader(RtmsConstants.FENCED)).isNull();
            assertThat(h.rtms.statistics().overflowed()).isZero();
        }
    }
}
