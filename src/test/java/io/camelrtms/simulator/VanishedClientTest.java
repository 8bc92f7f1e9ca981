package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a client whose connections end without a close frame (its process killed) may never have read is
 * counted; a client that closes its sockets leaves nothing unaccounted for.
 */
class VanishedClientTest {

    static Vertx vertx;
    static ZoomSimulator sim;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        // keep-alives far apart: no socket is dropped for silence while a test runs, only for how it ends
        sim = ZoomSimulator.start(SimulatorConfig.builder().clientId(TestMessages.CLIENT_ID)
                .clientSecret(TestMessages.CLIENT_SECRET).keepAliveIntervalMillis(60_000).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
        vertx.close();
    }

    @Test
    void whatAKilledClientWasSentSinceItWasLastHeardFromIsCountedAsPossiblyUnread() {
        SimulatedStream s = sim.createStream(Product.MEETING, "uuid-killed", "stream-killed", MeetingScript.benchmark(60_000));
        try (TcpRelay relay = TcpRelay.to(vertx, sim.port());
             TestSession session = TestSession.open(vertx, relay::via, s)) {
            session.media("audio", 1, TestMessages.audioParams(1, 3, 2, 2, 100), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> s.sent(MediaKind.AUDIO) > 0);
            assertThat(s.possiblyUnread()).as("while the client runs").isEmpty();

            relay.reset();
            await().atMost(Duration.ofSeconds(10)).until(() -> s.phase() == StreamPhase.INTERRUPTED);

            // last heard from with its msg 7, before any audio: all of it may be lost with the process
            long mediaConnection = s.joins(SocketRole.MEDIA).get(0).connection();
            assertThat(s.possiblyUnread()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(MediaKind.AUDIO);
                assertThat(p.connection()).isEqualTo(mediaConnection);
                assertThat(p.fromMs()).isLessThanOrEqualTo(p.toMs());
            });
            assertThat(s.possiblyUnread(MediaKind.AUDIO)).isPositive().isLessThanOrEqualTo(s.sent(MediaKind.AUDIO));
        }
    }

    @Test
    void aClientThatClosesItsSocketsLeavesNothingPossiblyUnread() {
        SimulatedStream s = sim.createStream(Product.MEETING, "uuid-closed", "stream-closed", MeetingScript.benchmark(60_000));
        TestSession session = TestSession.open(vertx, s);
        session.media("audio", 1, TestMessages.audioParams(1, 3, 2, 2, 100), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> s.sent(MediaKind.AUDIO) > 0);

        session.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> s.phase() == StreamPhase.INTERRUPTED);

        assertThat(s.possiblyUnread()).isEmpty();
    }
}
