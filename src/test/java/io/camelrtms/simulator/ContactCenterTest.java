package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelrtms.protocol.Product;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContactCenterTest {

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
    void channelsInsteadOfUsersAndMisspelledParticipantInfo() {
        SimulatedStream s = sim.createStream(Product.CONTACT_CENTER, "engagement-1", "cc-stream", MeetingScript.contactCenter());
        try (TestSession session = TestSession.open(vertx, s, 8, 10, 11, 12, 13)) {
            TestSocket all = session.media("all", 9, TestMessages.audioParams(1, 1, 1, 2, 20), true);
            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(15));
            all.awaitClosed();

            List<JsonNode> audio = all.messages(14);
            assertThat(audio).isNotEmpty();
            assertThat(audio).allSatisfy(m -> {
                assertThat(m.path("content").has("user_id")).isFalse();
                assertThat(m.path("content").path("channel_id").isTextual()).isTrue();
            });
            assertThat(audio.stream().map(m -> m.path("content").path("channel_id").asText()).distinct())
                    .containsExactlyInAnyOrder("1", "2");
            assertThat(all.messages(17)).hasSize(3).allSatisfy(m -> assertThat(m.path("content").has("channel_id")).isTrue());

            List<JsonNode> events = session.signaling.messages(6).stream().map(m -> m.path("event")).toList();
            assertThat(events).extracting(e -> e.path("event_type").asInt()).containsExactly(1, 8, 10, 12, 13, 11);
            JsonNode answered = events.get(1);
            assertThat(answered.has("event_ts")).isTrue();
            assertThat(answered.path("paticipant_info").path("channel_id").asText()).isEqualTo("1");
            assertThat(answered.path("paticipant_info").path("participant_mode").asText()).isEqualTo("caller");
            assertThat(events.get(2).path("paticipant_info").path("display_name").asText()).isEqualTo("Agent Smith");
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void videoIsOutsideAContactCenterAppsScopes() {
        SimulatedStream s = sim.createStream(Product.CONTACT_CENTER, "engagement-2", "cc-video", MeetingScript.contactCenter());
        try (TestSession session = TestSession.open(vertx, s);
             TestSocket all = TestSocket.connect(vertx, session.mediaUrl("all"))) {
            all.send(TestMessages.mediaHandshake(s, 3, null).toString());
            JsonNode resp = all.awaitMessage(4);
            assertThat(resp.path("status_code").asInt()).isNotZero();
            assertThat(resp.path("reason").asText()).contains("VIDEO").contains("not supported");
        }
    }
}
