package io.camelrtms.component;

import static io.camelrtms.component.RtmsHarness.lifecycles;
import static io.camelrtms.component.RtmsHarness.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.ZoomSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart-resume through the durable stream registry, and re-handshakes on silence. */
class RtmsResumeTest {

    static final String ID = "resume-id";
    static final String SECRET = "resume-secret";
    static final Duration WAIT = Duration.ofSeconds(30);

    static ZoomSimulator zoom;

    @TempDir
    Path dir;

    @BeforeAll
    static void startZoom() {
        // keep-alives far apart: a silent phase of the script is then silence on every socket
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(ID).clientSecret(SECRET).host("127.0.0.1").port(0)
                .playbackSpeed(4).keepAliveIntervalMillis(60_000).build());
    }

    @AfterAll
    static void stopZoom() {
        zoom.close();
    }

    private static void awaitLifecycle(RtmsHarness h, SimulatedStream s, String kind) {
        Awaitility.await().atMost(WAIT).until(() -> lifecycles(h.exchanges(s.streamId())).contains(kind));
    }

    @Test
    void aRestartedComponentRejoinsTheStreamsItLeft() throws Exception {
        Path registry = dir.resolve("active-streams.json");
        SimulatedStream s = zoom.createStream(Product.MEETING, "resume-" + UUID.randomUUID(), "resume-" + UUID.randomUUID(),
                MeetingScript.benchmark(60_000));

        RtmsHarness first = new RtmsHarness(ID, SECRET, "mediaTypes=audio&shutdownAction=LEAVE", c -> { },
                rtms -> rtms.setRegistryFile(registry.toString()));
        first.start(s);
        awaitLifecycle(first, s, "CONNECTED");
        first.close();
        List<Exchange> before = first.exchanges(s.streamId());
        assertThat(lifecycles(before)).containsExactly("STARTED", "CONNECTED", "INTERRUPTED");
        assertThat(of(before, "LIFECYCLE").get(2).getIn().getBody(String.class)).contains("left open for a restarted bundle");
        assertThat(s.received(21)).as("LEAVE does not close the stream at Zoom").isEmpty();
        assertThat(Files.readString(registry)).contains(s.streamId());

        try (RtmsHarness second = new RtmsHarness(ID, SECRET, "mediaTypes=audio", c -> { },
                rtms -> rtms.setRegistryFile(registry.toString()))) {
            awaitLifecycle(second, s, "CONNECTED");
            Exchange started = of(second.exchanges(s.streamId()), "LIFECYCLE").get(0);
            assertThat(started.getIn().getHeader(RtmsConstants.LIFECYCLE)).isEqualTo("STARTED");
            assertThat(started.getIn().getBody(String.class)).contains("\"resumed\":true");
            Awaitility.await().atMost(WAIT).until(() -> !of(second.exchanges(s.streamId()), "AUDIO").isEmpty());
            s.stop(StopReason.HOST_TRIGGERED);
            List<Exchange> after = second.awaitEnd(s.streamId(), WAIT);
            assertThat(lifecycles(after)).containsExactly("STARTED", "CONNECTED", "STOPPED");
            assertThat(s.received(1)).hasSize(2);
            assertThat(s.violations()).isEmpty();
        }
        // ended streams leave the registry
        Awaitility.await().atMost(WAIT).until(() -> !Files.readString(registry).contains(s.streamId()));
    }

    @Test
    void aStaleRegistryIsNotResumed() throws Exception {
        Path registry = dir.resolve("stale.json");
        Files.writeString(registry, "{\"savedAt\":1000,\"streams\":[{\"channel\":\"test\",\"product\":\"meeting\","
                + "\"entityKey\":\"meeting_uuid\",\"entityId\":\"m\",\"streamId\":\"old\",\"signalingUrl\":\"ws://127.0.0.1:9/x\","
                + "\"startedEventTs\":1}]}");
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "", c -> { }, rtms -> rtms.setRegistryFile(registry.toString()))) {
            assertThat(h.rtms.activeStreams()).isZero();
            assertThat(h.out.getExchanges()).isEmpty();
        }
    }

    @Test
    void silenceOnEverySocketTriggersARehandshake() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio", c -> c.setInactivityTimeout(400))) {
            SimulatedStream s = zoom.createStream(Product.MEETING, "quiet-" + UUID.randomUUID(), "quiet-" + UUID.randomUUID(),
                    MeetingScript.builder().durationMillis(40_000).idleGap(1_000, 30_000).build());
            h.start(s);
            awaitLifecycle(h, s, "RECONNECTED");
            s.stop(StopReason.HOST_TRIGGERED);
            h.awaitEnd(s.streamId(), WAIT);
            assertThat(s.received(1).size()).isGreaterThanOrEqualTo(2);
            assertThat(h.rtms.statistics().reconnectsByCause()).containsKey("INACTIVITY");
            assertThat(s.violations()).isEmpty();
        }
    }
}
