package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.StreamStatus;
import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MalformedFrame;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.SocketRole;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.file.RecordingLayout;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The bundle on a meeting of Zoom's November 2026 release: five participants' individual videos
 * (four at a time), events named by {@code event_code} as well as {@code event_type}, one event with
 * only a code, and a message type and an event type this version does not know. Each participant's video becomes its
 * own recording, and every event reaches {@code events.jsonl}.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RtmsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.zoom.client-id=" + IndividualVideoRecordingTest.CLIENT_ID,
        "rtms.zoom.client-secret=" + IndividualVideoRecordingTest.CLIENT_SECRET,
        "rtms.zoom.webhook-secret-token=" + IndividualVideoRecordingTest.WEBHOOK_SECRET,
        "rtms.data-dir=target/test-data/individual-video",
        "rtms.stream.media-types=audio,video",
        "rtms.stream.video-data-option=VIDEO_SINGLE_INDIVIDUAL_STREAM",
        "rtms.stream.video-participants=first",
        "rtms.stream.video-resolution=SD",
        "rtms.stream.video-fps=2",
})
class IndividualVideoRecordingTest {

    static final String CLIENT_ID = "iv-client-id";
    static final String CLIENT_SECRET = "iv-client-secret";
    static final String WEBHOOK_SECRET = "iv-webhook-secret";
    static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;
    @Value("${rtms.data-dir}")
    Path dataDir;
    @Autowired
    RtmsComponent rtms;

    ZoomSimulator zoom;
    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stopZoom() {
        zoom.close();
    }

    @Test
    void eachParticipantsVideoIsItsOwnRecordingAndEveryEventIsRecorded() throws Exception {
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(1).eventCodes(SimulatorConfig.EventCodes.TYPE_AND_CODE)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build());
        SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.individualVideos());
        Awaitility.await().atMost(WAIT).until(() -> {
            StreamStatus st = rtms.stream(s.streamId());
            return st != null && st.frames().get("VIDEO") > 0;
        });
        s.faults().sendMalformed(MalformedFrame.UNKNOWN_MSG_TYPE, SocketRole.SIGNALING);
        s.faults().sendMalformed(MalformedFrame.UNKNOWN_EVENT_TYPE, SocketRole.SIGNALING);
        s.awaitState(StreamPhase.ENDED, WAIT);
        Path dir = RecordingLayout.streamDir(dataDir, "meeting", s.entityId(), s.streamId());
        Awaitility.await().atMost(WAIT).until(() -> Files.isRegularFile(dir.resolve(RecordingLayout.MANIFEST)));

        assertThat(s.violations()).isEmpty();
        for (int user : MeetingScript.individualVideoUsers()) {
            Path frames = dir.resolve(RecordingLayout.VIDEO_DIR).resolve(String.valueOf(user));
            try (Stream<Path> files = Files.list(frames)) {
                assertThat(files.filter(p -> p.toString().endsWith(".jpg")).count()).as("frames of user %d", user).isPositive();
            }
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(RecordingLayout.EVENTS_JSONL))) {
            JsonNode n = json.readTree(line);
            if ("EVENT".equals(n.path("kind").asText())) {
                events.add(n);
            }
        }
        Awaitility.await().atMost(WAIT).until(() -> rtms.activeStreams() == 0);
        assertThat((long) events.size()).as("every event of the stream").isEqualTo(rtms.stream(s.streamId()).frames().get("EVENT"));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("event_code").asText()).isEqualTo(MeetingScript.CODE_ONLY_EVENT);
            assertThat(e.path("event_name").asText()).isEqualTo("EVENT_CODE");
            assertThat(e.has("event_type")).isFalse();
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("event_name").asText()).isEqualTo("PARTICIPANT_VIDEO_ON");
            assertThat(e.path("event_type").asInt()).isEqualTo(8);
            assertThat(e.path("event_code").asText()).isNotEmpty();
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("event_name").asText()).isEqualTo("UNKNOWN_MESSAGE");
            assertThat(e.path("event").path("msg_type").asInt()).isEqualTo(99);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("event_name").asText()).isEqualTo("UNKNOWN_EVENT");
            assertThat(e.path("event").path("future_field").asText()).isEqualTo("kept");
        });
    }
}
