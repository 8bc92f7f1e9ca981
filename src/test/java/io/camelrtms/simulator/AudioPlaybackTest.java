package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelrtms.protocol.Product;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AudioPlaybackTest {

    static final int BOB = 16779264;

    static Vertx vertx;
    static ZoomSimulator sim;
    static int n;

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

    private static SimulatedStream newStream() {
        return sim.createStream(Product.MEETING, "audio-uuid==", "audio-stream-" + (n++), MeetingScript.standard());
    }

    /** Plays the standard meeting on one audio socket and returns the audio messages received. */
    private static List<JsonNode> play(SimulatedStream s, com.fasterxml.jackson.databind.node.ObjectNode params) {
        try (TestSession session = TestSession.open(vertx, s)) {
            TestSocket audio = session.media("audio", 1, params, true);
            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(15));
            audio.awaitClosed();
            session.signaling.awaitClosed();
            JsonNode end = session.signaling.awaitMessage(8);
            assertThat(end.path("state").asInt()).isEqualTo(4);
            assertThat(end.path("reason").asInt()).isEqualTo(6);
            assertThat(s.violations()).isEmpty();
            return audio.messages(14);
        }
    }

    private static short[] le16(byte[] b) {
        short[] s = new short[b.length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8));
        }
        return s;
    }

    @Test
    void perSpeakerL16IsExactlyTheSourcePcmAndMutedSpeakersSendNothing() {
        SimulatedStream s = newStream();
        List<JsonNode> audio = play(s, TestMessages.audioParams(1, 1, 1, 2, 20));
        long t0 = s.firstPacketTimestamp();
        short[] source = s.script().sourcePcm(BOB, 16000, 1);

        List<JsonNode> bob = audio.stream().filter(m -> m.path("content").path("user_id").asInt() == BOB).toList();
        // Bob talks from 1200 to 2600 ms: 70 frames of 20 ms, nothing else.
        assertThat(bob).hasSize(70);
        long previous = -1;
        for (JsonNode m : bob) {
            JsonNode c = m.path("content");
            assertThat(c.path("user_name").asText()).isEqualTo("Bob Example");
            long offset = c.path("timestamp").asLong() - t0;
            assertThat(offset).isBetween(1200L, 2580L);
            if (previous >= 0) {
                assertThat(offset - previous).isEqualTo(20);
            }
            previous = offset;
            short[] got = le16(Base64.getDecoder().decode(c.path("data").asText()));
            assertThat(got).hasSize(320);
            for (int i = 0; i < got.length; i++) {
                assertThat(got[i]).as("sample %d of frame at %d ms", i, offset).isEqualTo(source[(int) (offset * 16) + i]);
            }
        }
        // Other speakers are in the same socket, and nobody sends in the idle gap.
        assertThat(audio.stream().map(m -> m.path("content").path("user_id").asInt()).distinct()).hasSize(3);
        assertThat(audio).noneMatch(m -> {
            long off = m.path("content").path("timestamp").asLong() - t0;
            return off >= 3400 && off < 5000;
        });
    }

    @Test
    void mixedStereoL16WithASlowerSendRateMatchesTheMix() {
        SimulatedStream s = newStream();
        List<JsonNode> audio = play(s, TestMessages.audioParams(1, 3, 2, 1, 100));
        long t0 = s.firstPacketTimestamp();
        short[] mix = s.script().sourcePcm(0, 48000, 2);
        assertThat(audio).isNotEmpty().allMatch(m -> m.path("content").path("user_id").asInt() == 0);
        for (JsonNode m : audio) {
            long offset = m.path("content").path("timestamp").asLong() - t0;
            assertThat(offset % 100).isZero();
            short[] got = le16(Base64.getDecoder().decode(m.path("content").path("data").asText()));
            assertThat(got).hasSize(48 * 100 * 2);
            int base = (int) (offset * 48) * 2;
            for (int i = 0; i < got.length; i++) {
                assertThat(got[i]).isEqualTo(mix[base + i]);
            }
        }
    }

    @Test
    void opusDecodesWithConcentusCloseToTheSource() throws Exception {
        SimulatedStream s = newStream();
        List<JsonNode> audio = play(s, TestMessages.audioParams(4, 3, 1, 1, 20));
        long t0 = s.firstPacketTimestamp();
        short[] source = s.script().sourcePcm(0, 48000, 1);
        short[] decoded = new short[source.length + 48000];
        OpusDecoder decoder = new OpusDecoder(48000, 1);
        short[] frame = new short[5760];
        for (JsonNode m : audio) {
            byte[] packet = Base64.getDecoder().decode(m.path("content").path("data").asText());
            int samples = decoder.decode(packet, 0, packet.length, frame, 0, 5760, false);
            assertThat(samples).isEqualTo(960);
            int at = (int) ((m.path("content").path("timestamp").asLong() - t0) * 48);
            System.arraycopy(frame, 0, decoded, at, samples);
        }
        // Compare the first talk (0..3.4 s) at the encoder's look-ahead delay, found by search.
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= 480; lag++) {
            best = Math.max(best, snr(source, decoded, 4800, 3400 * 48 - 960, lag));
        }
        assertThat(best).as("SNR in dB").isGreaterThan(20.0);
    }

    @Test
    void g711IsALawOfTheSource() throws Exception {
        SimulatedStream s = newStream();
        List<JsonNode> audio = play(s, TestMessages.audioParams(2, 0, 1, 1, 20));
        long t0 = s.firstPacketTimestamp();
        short[] source = s.script().sourcePcm(0, 8000, 1);
        short[] decoded = new short[source.length];
        for (JsonNode m : audio) {
            byte[] alaw = Base64.getDecoder().decode(m.path("content").path("data").asText());
            assertThat(alaw).hasSize(160);
            AudioFormat from = new AudioFormat(AudioFormat.Encoding.ALAW, 8000, 8, 1, 1, 8000, false);
            AudioFormat to = new AudioFormat(8000, 16, 1, true, false);
            byte[] pcm;
            try (AudioInputStream in = AudioSystem.getAudioInputStream(to,
                    new AudioInputStream(new ByteArrayInputStream(alaw), from, alaw.length))) {
                pcm = in.readAllBytes();
            }
            short[] s16 = le16(pcm);
            System.arraycopy(s16, 0, decoded, (int) ((m.path("content").path("timestamp").asLong() - t0) * 8), s16.length);
        }
        assertThat(snr(source, decoded, 0, source.length, 0)).isGreaterThan(30.0);
    }

    @Test
    void readyAckOnTheMediaSocketIsAViolationAndNoDataFlowsUntilItComesOnSignaling() {
        SimulatedStream s = newStream();
        try (TestSession session = TestSession.open(vertx, s)) {
            TestSocket audio = session.media("audio", 1, null, false);
            audio.send(TestMessages.ready(s));
            org.awaitility.Awaitility.await().until(() -> !s.violations().isEmpty());
            assertThat(s.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.READY_ACK_ON_MEDIA_SOCKET);
            assertThat(s.phase()).isEqualTo(StreamPhase.SIGNALING);
            assertThat(audio.messages(14)).isEmpty();

            session.signaling.send(TestMessages.ready(s));
            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(15));
            audio.awaitClosed();
            assertThat(audio.messages(14)).isNotEmpty();
            // FIRST_PACKET_TIMESTAMP comes without a subscription and gives the timeline's zero.
            JsonNode first = session.signaling.awaitMessage(6).path("event");
            assertThat(first.path("event_type").asInt()).isEqualTo(1);
            assertThat(first.path("timestamp").asLong()).isEqualTo(s.firstPacketTimestamp());
            assertThat(audio.messages(14).get(0).path("content").path("timestamp").asLong()).isEqualTo(s.firstPacketTimestamp());
        }
    }

    static double snr(short[] ref, short[] test, int from, int to, int lag) {
        double signal = 0;
        double noise = 0;
        for (int i = from; i < to && i + lag < test.length; i++) {
            double x = ref[i];
            double e = x - test[i + lag];
            signal += x * x;
            noise += e * e;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }
}
