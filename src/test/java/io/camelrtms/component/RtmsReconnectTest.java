package io.camelrtms.component;

import static io.camelrtms.component.RtmsHarness.lifecycles;
import static io.camelrtms.component.RtmsHarness.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.SessionState;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.protocol.WebhookEvents;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.ReceivedMessage;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.SocketRole;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Zoom's reconnection contract (docs/protocol.md#reconnection), driven by the simulator's fault injection. */
class RtmsReconnectTest {

    static final String ID = "reconnect-id";
    static final String SECRET = "reconnect-secret";
    static final Duration WAIT = Duration.ofSeconds(30);

    static ZoomSimulator zoom;

    @BeforeAll
    static void startZoom() {
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(ID).clientSecret(SECRET).host("127.0.0.1").port(0)
                .playbackSpeed(4).keepAliveIntervalMillis(100).build());
    }

    @AfterAll
    static void stopZoom() {
        zoom.close();
    }

    private static SimulatedStream longMeeting(String name) {
        // 30 s of continuous audio (7.5 s at 4x): time enough to break things mid-stream
        return zoom.createStream(Product.MEETING, name + "-" + UUID.randomUUID(), name + "-" + UUID.randomUUID(),
                MeetingScript.benchmark(30_000));
    }

    private static void awaitLifecycle(RtmsHarness h, SimulatedStream s, String kind, int count) {
        Awaitility.await().atMost(WAIT).until(() -> lifecycles(h.exchanges(s.streamId())).stream().filter(kind::equals).count() >= count);
    }

    private static long audioAfter(List<Exchange> all, String lifecycle) {
        int at = -1;
        for (int i = 0; i < all.size(); i++) {
            if (lifecycle.equals(all.get(i).getIn().getHeader(RtmsConstants.LIFECYCLE))) {
                at = i;
            }
        }
        return all.subList(at + 1, all.size()).stream().filter(RtmsHarness.header(RtmsConstants.MEDIA_TYPE, "AUDIO")).count();
    }

    @Test
    void droppedMediaSocketReconnectsThatSocketOnly() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio,transcript", c -> { })) {
            SimulatedStream s = longMeeting("media-drop");
            h.start(s);
            awaitLifecycle(h, s, "CONNECTED", 1);
            assertThat(s.faults().dropMediaSocket(MediaKind.AUDIO)).isTrue();
            awaitLifecycle(h, s, "RECONNECTED", 1);
            s.stop(StopReason.HOST_TRIGGERED);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);

            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "INTERRUPTED", "RECONNECTED", "STOPPED");
            assertThat(s.received(1)).as("signaling handshakes").hasSize(1);
            List<ReceivedMessage> media = s.received(3);
            assertThat(media.stream().filter(m -> m.urlKey().equals("audio")).count()).isEqualTo(2);
            assertThat(media.stream().filter(m -> m.urlKey().equals("transcript")).count()).isEqualTo(1);
            assertThat(s.received(7)).hasSize(3).allMatch(m -> m.role() == SocketRole.SIGNALING);
            assertThat(audioAfter(all, "RECONNECTED")).as("audio flows again").isPositive();
            String reconnected = of(all, "LIFECYCLE").get(3).getIn().getBody(String.class);
            assertThat(reconnected).contains("\"cause\":\"MEDIA_LOST\"").contains("outage_ms");
            assertThat(h.rtms.statistics().reconnectsByCause()).containsEntry("MEDIA_LOST", 1L);
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void droppedSignalingAndInterruptedWebhookCostOneFullReconnect() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio,transcript", c -> { })) {
            SimulatedStream s = longMeeting("sig-drop");
            h.start(s);
            awaitLifecycle(h, s, "CONNECTED", 1);
            assertThat(s.faults().dropSignaling()).isTrue();
            h.control(WebhookEvents.parse(s.interruptedWebhook()).orElseThrow());
            awaitLifecycle(h, s, "RECONNECTED", 1);
            s.stop(StopReason.HOST_TRIGGERED);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);

            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "INTERRUPTED", "RECONNECTED", "STOPPED");
            assertThat(s.received(1)).as("full re-handshake, once").hasSize(2);
            assertThat(s.received(3)).hasSize(4);
            assertThat(audioAfter(all, "RECONNECTED")).isPositive();
            // a second signaling connection while one lives is recorded as a violation by the simulator
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void newStartWebhookIsAFailoverToTheNewUrl() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio", c -> { })) {
            SimulatedStream s = longMeeting("failover");
            h.start(s);
            awaitLifecycle(h, s, "CONNECTED", 1);
            ControlMessage first = WebhookEvents.parse(s.startedWebhook()).orElseThrow();
            String newUrl = s.faults().failover();
            assertThat(newUrl).isNotEqualTo(first.signalingUrl());
            h.control(new ControlMessage(ControlMessage.Kind.STARTED, first.event(), first.product(), first.entityKey(),
                    first.entityId(), first.streamId(), List.of(newUrl), null, first.eventTs() + 1, Map.of()));
            awaitLifecycle(h, s, "RECONNECTED", 1);
            s.stop(StopReason.HOST_TRIGGERED);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            assertThat(s.received(1)).hasSize(2);
            assertThat(of(all, "LIFECYCLE").get(3).getIn().getBody(String.class)).contains(newUrl).contains("FAILOVER");
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void repeatedStartWebhookIsNotAFailover() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio", c -> { })) {
            SimulatedStream s = longMeeting("repeat");
            h.start(s);
            awaitLifecycle(h, s, "CONNECTED", 1);
            h.start(s);
            s.stop(StopReason.HOST_TRIGGERED);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "STOPPED");
            assertThat(s.received(1)).hasSize(1);
        }
    }

    @Test
    void duplicateSignalRefusalsAreRetried() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio", c -> { })) {
            SimulatedStream s = longMeeting("duplicate");
            s.faults().rejectDuplicate(2);
            h.start(s);
            awaitLifecycle(h, s, "CONNECTED", 1);
            s.stop(StopReason.HOST_TRIGGERED);
            h.awaitEnd(s.streamId(), WAIT);
            assertThat(s.received(1)).hasSize(3);
            assertThat(h.rtms.statistics().handshakeFailures().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
        }
    }

    @Test
    void sessionStateStoppedEndsTheStreamCleanly() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio", c -> { })) {
            SimulatedStream s = longMeeting("session-stopped");
            h.start(s);
            awaitLifecycle(h, s, "CONNECTED", 1);
            s.faults().sendSessionState(SessionState.STOPPED, StopReason.USER_LEFT);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "STOPPED");
            assertThat(of(all, "LIFECYCLE").get(2).getIn().getHeader(RtmsConstants.STOP_REASON)).isEqualTo(StopReason.USER_LEFT.code());
        }
    }

    @Test
    void concurrentStreamLimitRefusesExtraStarts() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio", c -> { })) {
            h.rtms.setMaxConcurrentStreams(1);
            SimulatedStream first = longMeeting("limit-a");
            SimulatedStream second = longMeeting("limit-b");
            h.start(first);
            awaitLifecycle(h, first, "CONNECTED", 1);
            h.start(second);
            List<Exchange> refused = h.awaitEnd(second.streamId(), WAIT);
            assertThat(lifecycles(refused)).containsExactly("FAILED");
            assertThat(refused.get(0).getIn().getBody(String.class)).contains("maximum of 1 concurrent streams");
            assertThat(second.received()).isEmpty();
            assertThat(h.rtms.statistics().refusedStarts()).isEqualTo(1);
            first.stop(StopReason.HOST_TRIGGERED);
            h.awaitEnd(first.streamId(), WAIT);
        }
    }

    @Test
    void concurrencyWebhooksBecomeEvents() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "", c -> { })) {
            h.control(WebhookEvents.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    "{\"event\":\"rtms.concurrency_near_limit\",\"event_ts\":5,\"payload\":{\"concurrency_limit\":2000,"
                    + "\"concurrency_number\":1700,\"percentage\":85}}")).orElseThrow());
            Exchange e = h.out.getExchanges().get(0);
            assertThat(e.getIn().getHeader(RtmsConstants.MEDIA_TYPE)).isEqualTo("EVENT");
            assertThat(e.getIn().getHeader(RtmsConstants.EVENT_NAME)).isEqualTo("CONCURRENCY_NEAR_LIMIT");
            assertThat(e.getIn().getBody(String.class)).contains("\"concurrency_number\":\"1700\"");
        }
    }

    @Test
    void stoppingTheConsumerClosesStreamsWithStreamClose() throws Exception {
        RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio", c -> { });
        SimulatedStream s = longMeeting("shutdown");
        h.start(s);
        awaitLifecycle(h, s, "CONNECTED", 1);
        h.close();
        // the route saw the last exchange before the context finished stopping
        List<Exchange> all = h.exchanges(s.streamId());
        assertThat(lifecycles(all)).endsWith("STOPPED");
        assertThat(s.received(21)).hasSize(1);
        s.awaitState(StreamPhase.ENDED, WAIT);
        assertThat(s.stopReason()).isEqualTo(StopReason.RECEIVER_REQUEST_CLOSE.code());
    }
}
