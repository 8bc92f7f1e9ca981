package io.camelrtms.component;

import static io.camelrtms.component.RtmsHarness.lifecycles;
import static io.camelrtms.component.RtmsHarness.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MalformedFrame;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.SocketRole;
import io.camelrtms.simulator.Violation;
import io.camelrtms.simulator.ZoomSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Zoom's November 2026 release changes for a client: several participants' individual videos
 * within the subscription limit, events named by {@code event_code}, and messages and events this
 * version does not know, which must reach the route instead of being dropped.
 */
class RtmsNovemberReleaseTest {

    static final String ID = "v2-id";
    static final String SECRET = "v2-secret";
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String INDIVIDUAL_VIDEO = "mediaTypes=audio,video&videoDataOption=VIDEO_SINGLE_INDIVIDUAL_STREAM"
            + "&videoResolution=SD&videoFps=2";

    static ZoomSimulator zoom;

    @BeforeAll
    static void startZoom() {
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(ID).clientSecret(SECRET).host("127.0.0.1").port(0)
                .playbackSpeed(1).eventCodes(SimulatorConfig.EventCodes.TYPE_AND_CODE).build());
    }

    @AfterAll
    static void stopZoom() {
        zoom.close();
    }

    private static SimulatedStream meeting() {
        return zoom.createStream(Product.MEETING, "v2-" + UUID.randomUUID(), "v2-" + UUID.randomUUID(), MeetingScript.individualVideos());
    }

    private static Set<String> videoUsers(List<Exchange> all) {
        return of(all, "VIDEO").stream().map(e -> e.getIn().getHeader(RtmsConstants.USER_ID, String.class)).collect(Collectors.toSet());
    }

    private static String user(int index) {
        return String.valueOf(MeetingScript.individualVideoUsers().get(index));
    }

    @Test
    void fourParticipantsVideosAreSubscribedAndTheFifthTakesTheSlotOfOneWhoLeaves() throws Exception {
        SimulatedStream s = meeting();
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, INDIVIDUAL_VIDEO + "&videoParticipants=first", c -> { })) {
            h.start(s);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);

            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "STOPPED");
            assertThat(videoUsers(all)).containsExactlyInAnyOrder(user(0), user(1), user(2), user(3), user(4));
            // the fifth camera came on while four were subscribed: it is asked for only once the first participant left
            assertThat(s.violations()).isEmpty();
            List<Exchange> answers = of(all, "EVENT").stream()
                    .filter(RtmsHarness.header(RtmsConstants.EVENT_NAME, "VIDEO_SUBSCRIPTION")).toList();
            assertThat(answers).hasSizeGreaterThanOrEqualTo(6).allMatch(e -> e.getIn().getBody(String.class).contains("\"status_code\":0"));
            long fifthFirstFrame = of(all, "VIDEO").stream().filter(RtmsHarness.header(RtmsConstants.USER_ID, user(4)))
                    .mapToLong(e -> e.getIn().getHeader(RtmsConstants.TIMESTAMP, Long.class)).min().orElseThrow();
            assertThat(fifthFirstFrame - s.firstPacketTimestamp()).isGreaterThanOrEqualTo(4000);
        }
    }

    @Test
    void theSimulatorRefusesSubscriptionsBeyondTheLimitAndARouteCanSubscribeDuringTheStream() throws Exception {
        SimulatedStream s = meeting();
        // the component allows five; the simulated Zoom holds four and refuses the fifth
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, INDIVIDUAL_VIDEO + "&maxVideoSubscriptions=5&videoParticipants="
                + user(1), c -> { })) {
            h.start(s);
            Awaitility.await().atMost(WAIT).until(() -> videoUsers(h.exchanges(s.streamId())).contains(user(1)));
            for (int i : new int[] {2, 3, 4, 0}) {
                Exchange reply = h.template.request("rtms:test", e -> {
                    e.getIn().setHeader(RtmsProducer.ACTION, "subscribeVideo");
                    e.getIn().setHeader(RtmsConstants.STREAM_ID, s.streamId());
                    e.getIn().setHeader(RtmsConstants.USER_ID, user(i));
                });
                assertThat(reply.getIn().getHeader(RtmsConstants.LIFECYCLE)).isEqualTo("SUBSCRIBING");
            }
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);

            assertThat(s.violations()).extracting(Violation::kind).contains(Violation.Kind.VIDEO_SUBSCRIPTION_LIMIT);
            assertThat(of(all, "EVENT").stream().filter(RtmsHarness.header(RtmsConstants.EVENT_NAME, "VIDEO_SUBSCRIPTION"))
                    .map(e -> e.getIn().getBody(String.class))).anyMatch(b -> !b.contains("\"status_code\":0"));
            assertThat(videoUsers(all)).contains(user(1), user(2), user(3), user(4));
        }
    }

    @Test
    void eventsWithOnlyACodeAndUnknownMessagesEventsAndFieldsReachTheRoute() throws Exception {
        SimulatedStream s = meeting();
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio", c -> { })) {
            long unknownBefore = h.rtms.statistics().unknownMessages();
            h.start(s);
            Awaitility.await().atMost(WAIT).until(() -> lifecycles(h.exchanges(s.streamId())).contains("CONNECTED"));
            s.faults().sendMalformed(MalformedFrame.UNKNOWN_MSG_TYPE, SocketRole.SIGNALING);
            s.faults().sendMalformed(MalformedFrame.UNKNOWN_EVENT_TYPE, SocketRole.SIGNALING);
            for (int i = 0; i < 2; i++) {
                s.faults().sendMalformed(MalformedFrame.UNKNOWN_FIELDS, SocketRole.MEDIA);
                s.faults().sendMalformed(MalformedFrame.UNKNOWN_FIELDS, SocketRole.SIGNALING);
            }
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            List<Exchange> events = of(all, "EVENT");

            Exchange coded = events.stream().filter(RtmsHarness.header(RtmsConstants.EVENT_CODE, MeetingScript.CODE_ONLY_EVENT))
                    .findFirst().orElseThrow();
            assertThat(coded.getIn().getHeader(RtmsConstants.EVENT_NAME)).isEqualTo("EVENT_CODE");
            assertThat(coded.getIn().getHeader(RtmsConstants.EVENT_TYPE)).isNull();
            // events that carry both keep their type and name, and expose the code too
            Exchange join = events.stream().filter(RtmsHarness.header(RtmsConstants.EVENT_NAME, "PARTICIPANT_JOIN")).findFirst().orElseThrow();
            assertThat(join.getIn().getHeader(RtmsConstants.EVENT_TYPE)).isEqualTo(3);
            assertThat(join.getIn().getHeader(RtmsConstants.EVENT_CODE, String.class)).isNotEmpty();

            Exchange unknown = events.stream().filter(RtmsHarness.header(RtmsConstants.EVENT_NAME, "UNKNOWN_MESSAGE")).findFirst().orElseThrow();
            assertThat(unknown.getIn().getBody(String.class)).contains("\"msg_type\":99").contains(s.streamId());
            Exchange unknownEvent = events.stream().filter(RtmsHarness.header(RtmsConstants.EVENT_NAME, "UNKNOWN_EVENT")).findFirst().orElseThrow();
            assertThat(unknownEvent.getIn().getHeader(RtmsConstants.EVENT_TYPE)).isEqualTo(99);
            assertThat(unknownEvent.getIn().getBody(String.class)).contains("future_field");
            // a new field in data messages is reported once per stream, not per frame; a state message keeps it in its body
            List<Exchange> fields = events.stream().filter(RtmsHarness.header(RtmsConstants.EVENT_NAME, "UNKNOWN_MESSAGE"))
                    .filter(e -> e.getIn().getBody(String.class).contains("unknown_content_fields")).toList();
            assertThat(fields).hasSize(1);
            assertThat(fields.get(0).getIn().getBody(String.class)).contains("\"msg_type\":14").contains("\"future_field\":\"kept\"");
            assertThat(events.stream().filter(RtmsHarness.header(RtmsConstants.EVENT_NAME, "STREAM_STATE"))
                    .map(e -> e.getIn().getBody(String.class))).anyMatch(b -> b.contains("\"unknown_fields\":{\"future_field\":\"kept\"}"));
            assertThat(h.rtms.statistics().unknownMessages()).isEqualTo(unknownBefore + 1);
            assertThat(h.rtms.statistics().unknownFields()).isEqualTo(1);
            assertThat(h.rtms.statistics().unknownEvents()).isPositive();
        }
    }
}
