package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.protocol.Codec;
import io.camelrtms.protocol.DataOption;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.SampleRate;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MediaHandshakeTest {

    static Vertx vertx;
    static ZoomSimulator sim;
    static int n;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        sim = ZoomSimulator.start(SimulatorConfig.builder()
                .clientId(TestMessages.CLIENT_ID).clientSecret(TestMessages.CLIENT_SECRET).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
        vertx.close();
    }

    private static SimulatedStream newStream() {
        return sim.createStream(Product.MEETING, "media-uuid==", "media-stream-" + (n++), MeetingScript.standard());
    }

    @Test
    void requestedParamsAreConfirmedAndRecorded() {
        SimulatedStream s = newStream();
        try (TestSession session = TestSession.open(vertx, s)) {
            TestSocket audio = session.media("audio", 1, TestMessages.audioParams(1, 3, 2, 2, 100), false);
            JsonNode echo = audio.awaitMessage(4).path("media_params").path("audio");
            assertThat(echo.path("codec").asInt()).isEqualTo(1);
            assertThat(echo.path("sample_rate").asInt()).isEqualTo(3);
            assertThat(echo.path("channel").asInt()).isEqualTo(2);
            assertThat(echo.path("data_opt").asInt()).isEqualTo(2);
            assertThat(echo.path("send_rate").asInt()).isEqualTo(100);

            NegotiatedConnection nc = s.negotiated(MediaKind.AUDIO);
            assertThat(nc.urlKey()).isEqualTo("audio");
            assertThat(nc.params().audio().codec()).isEqualTo(Codec.L16);
            assertThat(nc.params().audio().sampleRate()).isEqualTo(SampleRate.SR_48K);
            assertThat(nc.params().audio().dataOption()).isEqualTo(DataOption.AUDIO_MULTI_STREAMS);
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void absentParamsGetTheWireDefaults() {
        SimulatedStream s = newStream();
        try (TestSession session = TestSession.open(vertx, s)) {
            TestSocket all = session.media("all", 32, null, false);
            JsonNode params = all.awaitMessage(4).path("media_params");
            JsonNode audio = params.path("audio");
            assertThat(audio.path("codec").asInt()).isEqualTo(1);       // L16
            assertThat(audio.path("sample_rate").asInt()).isEqualTo(1); // 16 kHz
            assertThat(audio.path("channel").asInt()).isEqualTo(1);
            assertThat(audio.path("data_opt").asInt()).isEqualTo(1);    // mixed
            assertThat(audio.path("send_rate").asInt()).isEqualTo(20);
            assertThat(params.fieldNames()).toIterable().containsExactly("audio", "video", "deskshare", "transcript", "chat");
        }
    }

    @Test
    void opusAt16kHzIsRefusedForMediaParams() {
        SimulatedStream s = newStream();
        try (TestSession session = TestSession.open(vertx, s);
             TestSocket audio = TestSocket.connect(vertx, session.mediaUrl("audio"))) {
            audio.send(TestMessages.mediaHandshake(s, 1, TestMessages.audioParams(4, 1, 1, 1, 20)).toString());
            JsonNode resp = audio.awaitMessage(4);
            assertThat(resp.path("status_code").asInt()).isNotZero();
            assertThat(resp.path("reason").asText()).contains("media params").contains("48");
            audio.awaitClosed();
            assertThat(s.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.INVALID_MEDIA_HANDSHAKE);
        }
    }

    @Test
    void badSendRateAndVideoFpsAreRefused() {
        SimulatedStream s = newStream();
        try (TestSession session = TestSession.open(vertx, s)) {
            try (TestSocket audio = TestSocket.connect(vertx, session.mediaUrl("audio"))) {
                audio.send(TestMessages.mediaHandshake(s, 1, TestMessages.audioParams(1, 1, 1, 1, 30)).toString());
                assertThat(audio.awaitMessage(4).path("reason").asText()).contains("media params").contains("send_rate");
            }
            try (TestSocket video = TestSocket.connect(vertx, session.mediaUrl("video"))) {
                ObjectNode p = JsonNodeFactory.instance.objectNode();
                p.putObject("video").put("content_type", 3).put("codec", 5).put("resolution", 2).put("data_opt", 3).put("fps", 10);
                video.send(TestMessages.mediaHandshake(s, 2, p).toString());
                assertThat(video.awaitMessage(4).path("reason").asText()).contains("media params").contains("fps");
            }
        }
    }

    @Test
    void mediaTypeMustMatchTheUrl() {
        SimulatedStream s = newStream();
        try (TestSession session = TestSession.open(vertx, s);
             TestSocket audio = TestSocket.connect(vertx, session.mediaUrl("audio"))) {
            audio.send(TestMessages.mediaHandshake(s, 9, null).toString());
            JsonNode resp = audio.awaitMessage(4);
            assertThat(resp.path("status_code").asInt()).isNotZero();
            assertThat(resp.path("reason").asText()).contains("does not match");
        }
    }

    @Test
    void allCannotBeMixedWithPerKindSocketsNorAKindOpenedTwice() {
        SimulatedStream s = newStream();
        try (TestSession session = TestSession.open(vertx, s)) {
            session.media("audio", 1, null, false);
            try (TestSocket again = TestSocket.connect(vertx, session.mediaUrl("audio"))) {
                again.send(TestMessages.mediaHandshake(s, 1, null).toString());
                assertThat(again.awaitMessage(4).path("reason").asText()).contains("duplicate media data connection");
            }
            try (TestSocket all = TestSocket.connect(vertx, session.mediaUrl("all"))) {
                all.send(TestMessages.mediaHandshake(s, 32, null).toString());
                assertThat(all.awaitMessage(4).path("reason").asText()).contains("all connection");
            }
            assertThat(s.violations()).extracting(Violation::kind)
                    .containsExactly(Violation.Kind.INVALID_MEDIA_HANDSHAKE, Violation.Kind.INVALID_MEDIA_HANDSHAKE);
        }
    }

    @Test
    void mediaHandshakeBeforeSignalingIsRefused() {
        SimulatedStream s = newStream();
        String url = s.signalingUrl().replace("/signaling/", "/media/") + "/audio";
        try (TestSocket audio = TestSocket.connect(vertx, url)) {
            audio.send(TestMessages.mediaHandshake(s, 1, null).toString());
            assertThat(audio.awaitMessage(4).path("status_code").asInt()).isNotZero();
        }
        assertThat(s.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.MEDIA_BEFORE_SIGNALING);
    }

    @Test
    void wrongSignatureOnTheMediaSocketIsRefused() {
        SimulatedStream s = newStream();
        try (TestSession session = TestSession.open(vertx, s);
             TestSocket audio = TestSocket.connect(vertx, session.mediaUrl("audio"))) {
            ObjectNode req = TestMessages.mediaHandshake(s, 1, null);
            req.put("signature", TestMessages.hmacHex("wrong", "x"));
            audio.send(req.toString());
            assertThat(audio.awaitMessage(4).path("reason").asText()).contains("invalid signature");
        }
        assertThat(s.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.INVALID_SIGNATURE);
    }
}
