package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.protocol.Product;
import io.vertx.core.Vertx;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MeetingContentTest {

    static Vertx vertx;
    static ZoomSimulator sim;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        sim = ZoomSimulator.start(SimulatorConfig.builder()
                .clientId(TestMessages.CLIENT_ID).clientSecret(TestMessages.CLIENT_SECRET).playbackSpeed(20).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
        vertx.close();
    }

    @Test
    void theStandardMeetingOnOneAllSocket() throws Exception {
        SimulatedStream s = sim.createStream(Product.MEETING, "content-uuid", "content-all", MeetingScript.standard());
        try (TestSession session = TestSession.open(vertx, s, 2, 3, 4, 5, 6, 7, 8, 9)) {
            TestSocket all = session.media("all", 32, null, true);
            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(15));
            all.awaitClosed();
            session.signaling.awaitClosed();
            long t0 = s.firstPacketTimestamp();

            List<JsonNode> transcript = all.messages(17);
            assertThat(transcript).extracting(m -> m.path("content").path("data").asText()).containsExactly(
                    "Hello everyone, welcome to the simulated meeting.",
                    "Thanks Alice. Let me share the quarterly numbers.",
                    "Looks good to me.",
                    "Let's wrap up, thank you all!");
            JsonNode line = transcript.get(1).path("content");
            assertThat(line.path("user_id").asInt()).isEqualTo(16779264);
            assertThat(line.path("user_name").asText()).isEqualTo("Bob Example");
            assertThat(line.path("start_time").asLong()).isEqualTo(t0 + 1200);
            assertThat(line.path("end_time").asLong()).isEqualTo(t0 + 2600);
            assertThat(line.path("timestamp").asLong()).isEqualTo(t0 + 2600);
            assertThat(line.path("language").asInt()).isEqualTo(9);

            List<JsonNode> chat = all.messages(18);
            assertThat(chat).hasSize(3);
            assertThat(chat.get(0).path("content").path("data").asText()).isEqualTo("Hi all");
            JsonNode doc = new ObjectMapper().readTree(chat.get(1).path("content").path("data").asText());
            assertThat(doc.path("chat_session").path("type").asInt()).isEqualTo(1);
            assertThat(doc.path("operation_type").asInt()).isEqualTo(1);
            assertThat(doc.path("message_id").asText()).isNotEmpty();
            assertThat(doc.path("sender").path("user_name").asText()).isEqualTo("Carol Example");
            assertThat(chat.get(2).path("content").path("data").isObject()).isTrue();

            // Default video is JPG, HD, 5 fps: all four camera frames, real images.
            List<JsonNode> video = all.messages(15);
            assertThat(video).hasSize(4);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(
                    Base64.getDecoder().decode(video.get(0).path("content").path("data").asText())));
            assertThat(img.getWidth()).isEqualTo(1280);
            assertThat(img.getHeight()).isEqualTo(720);
            // Default screen share is 1 fps: frames at 2000 and 2500 ms are closer than that, one is kept.
            assertThat(all.messages(16)).hasSize(1);

            assertThat(all.messages(14)).isNotEmpty();

            List<Integer> events = session.signaling.messages(6).stream()
                    .map(m -> m.path("event").path("event_type").asInt()).toList();
            assertThat(events).startsWith(1).contains(2, 3, 4, 5, 6, 8, 9);
            JsonNode join = session.signaling.messages(6).stream()
                    .filter(m -> m.path("event").path("event_type").asInt() == 3).findFirst().orElseThrow().path("event");
            assertThat(join.path("participants")).hasSize(3);
            assertThat(join.path("participants").get(0).path("user_name").asText()).isEqualTo("Alice Example");

            JsonNode end = session.signaling.awaitMessage(8);
            assertThat(end.path("state").asInt()).isEqualTo(4);
            assertThat(end.path("reason").asInt()).isEqualTo(6);
            assertThat(end.path("rtms_stream_id").asText()).isEqualTo("content-all");
            assertThat(s.stopReason()).isEqualTo(6);
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void unsubscribedEventsAreNotSentAndSplitSocketsEachGetTheirKind() {
        SimulatedStream s = sim.createStream(Product.MEETING, "content-uuid", "content-split", MeetingScript.standard());
        try (TestSession session = TestSession.open(vertx, s)) {
            TestSocket transcript = session.media("transcript", 8, null, false);
            ObjectNode share = JsonNodeFactory.instance.objectNode();
            share.putObject("deskshare").put("content_type", 3).put("codec", 6).put("resolution", 1).put("fps", 5);
            TestSocket deskshare = session.media("sharescreen", 4, share, false);
            // One msg 7 per media handshake, both on signaling; at 20x the meeting is over in 0.3 s.
            session.signaling.send(TestMessages.ready(s));
            session.signaling.send(TestMessages.ready(s));
            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(15));
            transcript.awaitClosed();
            deskshare.awaitClosed();

            assertThat(transcript.messages(17)).hasSize(4);
            assertThat(transcript.frames()).allMatch(f -> f.msgType() == 17 || f.msgType() == 4 || f.msgType() == 12);
            List<JsonNode> frames = deskshare.messages(16);
            assertThat(frames).hasSize(2);
            byte[] png = Base64.getDecoder().decode(frames.get(0).path("content").path("data").asText());
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            // Only FIRST_PACKET_TIMESTAMP arrives without a subscription.
            assertThat(session.signaling.messages(6)).extracting(m -> m.path("event").path("event_type").asInt())
                    .containsExactly(1);
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void individualH264VideoFlowsOnlyForTheSubscribedUser() {
        SimulatedStream s = sim.createStream(Product.MEETING, "content-uuid", "content-h264", MeetingScript.standard());
        try (TestSession session = TestSession.open(vertx, s)) {
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            p.putObject("video").put("content_type", 3).put("codec", 7).put("resolution", 2).put("data_opt", 4).put("fps", 30);
            TestSocket video = session.media("video", 2, p, false);
            session.signaling.send("{\"msg_type\":28,\"user_id\":16778240,\"subscribe\":true,\"timestamp\":1}");
            JsonNode subscribed = session.signaling.awaitMessage(29);
            assertThat(subscribed.path("status_code").asInt()).isZero();
            assertThat(subscribed.path("user_id").asInt()).isEqualTo(16778240);
            session.signaling.send(TestMessages.ready(s));
            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(15));
            video.awaitClosed();

            List<JsonNode> frames = video.messages(15);
            // Alice's three camera frames; Bob's frame is not sent.
            assertThat(frames).hasSize(3).allMatch(m -> m.path("content").path("user_id").asInt() == 16778240);
            byte[] first = Base64.getDecoder().decode(frames.get(0).path("content").path("data").asText());
            assertThat(first).startsWith(0, 0, 0, 1, 0x67);
            byte[] next = Base64.getDecoder().decode(frames.get(1).path("content").path("data").asText());
            assertThat(next).startsWith(0, 0, 0, 1, 0x41);
        }
    }

    @Test
    void closeRequestEndsWithReceiverRequestClose() {
        SimulatedStream s = sim.createStream(Product.MEETING, "content-uuid", "content-close", MeetingScript.standard());
        try (TestSession session = TestSession.open(vertx, s)) {
            session.media("audio", 1, null, true);
            session.signaling.send("{\"msg_type\":21,\"rtms_stream_id\":\"content-close\"}");
            JsonNode resp = session.signaling.awaitMessage(22);
            assertThat(resp.path("status_code").asInt()).isZero();
            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(5));
            assertThat(s.stopReason()).isEqualTo(20);
            assertThat(session.signaling.awaitMessage(8).path("reason").asInt()).isEqualTo(20);
        }
    }

    @Test
    void binaryFramesWhenConfigured() {
        try (ZoomSimulator binary = ZoomSimulator.start(SimulatorConfig.builder().clientId(TestMessages.CLIENT_ID)
                .clientSecret(TestMessages.CLIENT_SECRET).playbackSpeed(50).binaryFrames(true).build())) {
            SimulatedStream s = binary.createStream(Product.MEETING, "bin-uuid", "bin-stream", MeetingScript.standard());
            try (TestSession session = TestSession.open(vertx, s)) {
                TestSocket audio = session.media("audio", 1, null, true);
                s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(10));
                audio.awaitClosed();
                assertThat(audio.frames()).isNotEmpty().allMatch(TestSocket.Frame::binary);
                assertThat(audio.messages(14)).isNotEmpty();
            }
        }
    }
}
