package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.component.TestExchanges;
import io.camelrtms.media.AudioDecodingProcessor;
import io.camelrtms.media.TestSignals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opus kept as Opus: one meeting recorded with {@code rtms.recording.opus: both}, so the WAV (decoded
 * with Concentus, gaps concealed or filled with silence) and the Ogg Opus file (the packets as sent,
 * gaps bridged with lost-packet markers) come from the same packets. opusdec, the reference decoder,
 * turns the Ogg Opus file into audio that matches the WAV.
 */
class OggOpusRecordingTest {

    private static final long T0 = 1_738_392_033_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 48000;
    private static final int CHANNELS = 2;
    private static final int PACKETS = 150;
    /** 20 ms at 48 kHz. */
    private static final int PACKET_FRAMES = 960;

    @TempDir
    Path data;

    @Test
    void theOggOpusFileDecodesWithOpusdecIntoTheAudioOfTheWav() throws Exception {
        DebianTools.require("opusdec", "opus-tools");
        AudioDecodingProcessor decoder = new AudioDecodingProcessor(Duration.ofMillis(10), Duration.ofMillis(100),
                OpusRecording.BOTH);
        FileRecorder recorder = new FileRecorder(RecorderSettings.defaults(data).withOpus(OpusRecording.BOTH), JSON);
        TestExchanges ex = new TestExchanges("both");
        recorder.setCamelContext(ex.context());
        short[] source = TestSignals.tones(RATE, CHANNELS, PACKETS * PACKET_FRAMES);
        List<byte[]> packets = TestSignals.opusPackets(source, RATE, CHANNELS, 20);
        recorder.process(ex.lifecycle("STARTED", null, null));
        for (int p = 0; p < PACKETS; p++) {
            // a lost packet (concealed in the WAV) and half a second of nothing (silence in the WAV)
            if (p == 40 || (p >= 90 && p < 115)) {
                continue;
            }
            Exchange e = ex.audio(packets.get(p), "OPUS", RATE, CHANNELS, "16778240", "Alice", T0 + p * 20L);
            decoder.process(e);
            assertThat(e.getProperty(RtmsConstants.PROPERTY_OPUS_PACKET)).isNotNull();
            recorder.process(e);
        }
        recorder.process(ex.lifecycle("STOPPED", 6, "MEETING_ENDED"));

        Path dir = data.resolve("meeting").resolve(TestExchanges.ENTITY_DIR).resolve("both");
        Path wav = dir.resolve("audio/16778240.wav");
        Path opus = dir.resolve("audio/16778240.opus");
        Path decoded = dir.resolve("opusdec.wav");
        DebianTools.run(dir, "opusdec", "--quiet", "--rate", "48000", "--no-dither", opus.toString(), decoded.toString());
        short[] fromWav = WavFileWriterTest.readFrames(wav);
        short[] fromOgg = WavFileWriterTest.readFrames(decoded);
        assertThat(Math.abs(fromOgg.length - fromWav.length) / CHANNELS).as("length difference in frames")
                .isLessThanOrEqualTo(PACKET_FRAMES);
        assertThat(fromWav.length / CHANNELS).isEqualTo(PACKETS * PACKET_FRAMES);
        // Up to the long gap both decoders produce the same audio (their concealments of the lost packet
        // differ a little); the concealment fading over the long gap, where the WAV has silence, costs the rest.
        int beforeGap = 90 * PACKET_FRAMES * CHANNELS;
        assertThat(TestSignals.ncc(Arrays.copyOf(fromWav, beforeGap), Arrays.copyOf(fromOgg, beforeGap))).isGreaterThan(0.999);
        assertThat(TestSignals.ncc(fromWav, fromOgg)).isGreaterThan(0.99);

        JsonNode files = JSON.readTree(dir.resolve("manifest.json").toFile()).get("files");
        JsonNode entry = null;
        for (JsonNode f : files) {
            if (f.path("path").asText().equals("audio/16778240.opus")) {
                entry = f;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("codec").asText()).isEqualTo("opus");
        assertThat(entry.path("duration_ms").asLong()).isEqualTo(PACKETS * 20L);
        assertThat(entry.path("gaps_filled").asLong()).isEqualTo(2);
        assertThat(entry.path("user_name").asText()).isEqualTo("Alice");
    }

    @Test
    void keepPassesOpusPacketsUndecodedAndRecordsOnlyOggOpus() throws Exception {
        AudioDecodingProcessor decoder = new AudioDecodingProcessor(Duration.ofMillis(10), Duration.ofMillis(100),
                OpusRecording.KEEP);
        FileRecorder recorder = new FileRecorder(RecorderSettings.defaults(data).withOpus(OpusRecording.KEEP), JSON);
        TestExchanges ex = new TestExchanges("keep");
        recorder.setCamelContext(ex.context());
        List<byte[]> packets = TestSignals.opusPackets(TestSignals.tones(RATE, 1, 10 * PACKET_FRAMES), RATE, 1, 20);
        for (int p = 0; p < packets.size(); p++) {
            Exchange e = ex.audio(packets.get(p), "OPUS", RATE, 1, "0", null, T0 + p * 20L);
            decoder.process(e);
            assertThat(e.isRouteStop()).isFalse();
            assertThat(e.getMessage().getBody(byte[].class)).as("the packet as Zoom sent it").isEqualTo(packets.get(p));
            assertThat(e.getMessage().getHeader(RtmsConstants.AUDIO_CODEC)).isEqualTo("OPUS");
            recorder.process(e);
        }
        recorder.process(ex.lifecycle("STOPPED", 6, "MEETING_ENDED"));
        Path dir = data.resolve("meeting").resolve(TestExchanges.ENTITY_DIR).resolve("keep");
        assertThat(dir.resolve(RecordingLayout.MIXED_AUDIO)).doesNotExist();
        JsonNode files = JSON.readTree(dir.resolve("manifest.json").toFile()).get("files");
        assertThat(files.get(0).path("path").asText()).isEqualTo(RecordingLayout.MIXED_OPUS);
        assertThat(files.get(0).path("duration_ms").asLong()).isEqualTo(200);
    }

    @Test
    void aHeaderKeepsOneExchangeUndecodedWhileTheRestAreDecoded() {
        AudioDecodingProcessor decoder = new AudioDecodingProcessor(Duration.ofMillis(10), Duration.ofMillis(100));
        TestExchanges ex = new TestExchanges("mixed");
        byte[] packet = TestSignals.opusPackets(TestSignals.tones(RATE, 1, PACKET_FRAMES), RATE, 1, 20).get(0);
        Exchange kept = ex.audio(packet, "OPUS", RATE, 1, "0", null, T0);
        kept.getMessage().setHeader(RtmsConstants.AUDIO_KEEP_OPUS, true);
        decoder.process(kept);
        assertThat(kept.getMessage().getBody(byte[].class)).isEqualTo(packet);
        Exchange decoded = ex.audio(packet, "OPUS", RATE, 1, "0", null, T0 + 20);
        decoder.process(decoded);
        assertThat(decoded.getMessage().getHeader(RtmsConstants.AUDIO_CODEC)).isEqualTo("L16");
        assertThat(decoded.getProperty(RtmsConstants.PROPERTY_OPUS_PACKET)).as("decode mode keeps no packet").isNull();
    }
}
