package io.camelrtms.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.media.Pcm;
import io.camelrtms.media.TestSignals;
import io.camelrtms.media.WavHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a recorder writes audio and text, then is abandoned without any close, flush or
 * stop (what {@code kill -9} does to a process: only what reached the operating system remains).
 */
class RecordingRecoveryTest {

    private static final long T0 = 1_738_392_033_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 20 ms at 16 kHz mono. */
    private static final int PACKET_FRAMES = 320;

    @TempDir
    Path data;

    @Test
    void anAbandonedRecordingIsPlayableAndRecoveryKeepsEveryFlushedFrame() throws Exception {
        short[] src = TestSignals.tones(16000, 1, 100 * PACKET_FRAMES);
        TestExchanges ex = new TestExchanges("crashed");
        FileRecorder crashed = new FileRecorder(RecorderSettings.defaults(data), JSON);
        crashed.process(ex.lifecycle("STARTED", null, null));
        for (int p = 0; p < 50; p++) {
            crashed.process(ex.audio(Pcm.toBytes(src, p * PACKET_FRAMES, PACKET_FRAMES), "L16", 16000, 1, "0", null, T0 + p * 20L));
        }
        crashed.process(ex.transcript("first words", "1", "Alice", T0 + 500, -1, -1));
        crashed.flushAll(); // the scheduler's once-a-second flush
        for (int p = 50; p < 80; p++) {
            crashed.process(ex.audio(Pcm.toBytes(src, p * PACKET_FRAMES, PACKET_FRAMES), "L16", 16000, 1, "0", null, T0 + p * 20L));
        }
        crashed.process(ex.transcript("last words", "1", "Alice", T0 + 1500, -1, -1));
        // The crash: the recorder is dropped as it is. A torn line is what a write cut short leaves.
        Path dir = data.resolve("meeting").resolve(TestExchanges.ENTITY_DIR).resolve("crashed");
        Files.writeString(dir.resolve("transcript.jsonl"), "{\"timestamp\":1738392", StandardOpenOption.APPEND);
        Path wav = dir.resolve("audio.wav");

        // Before any recovery the file plays, up to the last header refresh.
        assertThat(WavFileWriterTest.readFrames(wav)).containsExactly(Arrays.copyOf(src, 50 * PACKET_FRAMES));
        long framesOnDisk = (Files.size(wav) - WavHeader.HEADER_SIZE) / 2;
        // The 8 KiB buffer has handed some of the later packets to the OS already; the rest died with the process.
        assertThat(framesOnDisk).isGreaterThan(50 * PACKET_FRAMES).isLessThan(80 * PACKET_FRAMES);

        assertThat(RecordingRecovery.unfinished(data)).isEqualTo(1);
        assertThat(new RecordingRecovery(JSON, 5000).recoverAll(data)).containsExactly(dir);

        short[] recovered = WavFileWriterTest.readFrames(wav);
        assertThat(recovered).hasSize((int) framesOnDisk);
        assertThat(recovered).containsExactly(Arrays.copyOf(src, (int) framesOnDisk));
        assertThat(Files.readString(dir.resolve("transcript.jsonl"))).endsWith("\n").doesNotContain("1738392\n");
        assertThat(Files.readString(dir.resolve("transcript.vtt"))).isEqualTo("""
                WEBVTT

                1
                00:00:00.500 --> 00:00:01.500
                <v Alice>first words

                2
                00:00:01.500 --> 00:00:06.500
                <v Alice>last words
                """);
        JsonNode m = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertThat(m.get("recovered").asBoolean()).isTrue();
        assertThat(m.get("rtms_stream_id").asText()).isEqualTo("crashed");
        assertThat(m.get("entity_id").asText()).isEqualTo(TestExchanges.ENTITY);
        assertThat(m.get("timeline_start").asLong()).isEqualTo(T0);
        assertThat(m.get("stop_reason").isNull()).isTrue();
        assertThat(FileRecorderTest.entry(m.get("files"), "audio.wav").get("frames").asLong()).isEqualTo(framesOnDisk);
        assertThat(FileRecorderTest.entry(m.get("files"), "transcript.jsonl").get("lines").asLong()).isEqualTo(2);
        assertThat(dir.resolve(".recording")).doesNotExist();
        assertThat(RecordingRecovery.unfinished(data)).isZero();
        assertThat(new RecordingRecovery(JSON, 5000).recoverAll(data)).isEmpty();
    }

    @Test
    void aTornFrameIsCutAndAHeaderlessFileRemoved() throws Exception {
        Path dir = data.resolve("meeting/m/s");
        Files.createDirectories(dir.resolve("audio"));
        Files.writeString(dir.resolve(".recording"), "{\"product\":\"meeting\",\"rtms_stream_id\":\"s\"");  // torn marker
        try (WavFileWriter w = WavFileWriter.create(dir.resolve("audio/1.wav"), new io.camelrtms.media.PcmFormat(16000, 2), 1024)) {
            w.write(new byte[400]);
        }
        Files.write(dir.resolve("audio/1.wav"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        Files.write(dir.resolve("audio/2.wav"), new byte[] {'R', 'I', 'F', 'F'});
        assertThat(new RecordingRecovery(JSON, 5000).recoverAll(data)).containsExactly(dir);
        assertThat(WavFileWriterTest.readFrames(dir.resolve("audio/1.wav"))).hasSize(200);
        assertThat(dir.resolve("audio/2.wav")).doesNotExist();
        JsonNode m = JSON.readTree(dir.resolve("manifest.json").toFile());
        // the marker was unreadable: ids come from the directory names
        assertThat(m.get("rtms_stream_id").asText()).isEqualTo("s");
        assertThat(m.get("product").asText()).isEqualTo("meeting");
        assertThat(m.get("recovered").asBoolean()).isTrue();
    }

    @Test
    void aResumedStreamContinuesItsFilesOnTheSameTimeline() throws Exception {
        TestExchanges ex = new TestExchanges("resumed");
        FileRecorder first = new FileRecorder(RecorderSettings.defaults(data), JSON);
        first.process(ex.audio(new byte[640], "L16", 16000, 1, "0", null, T0));
        first.flushAll();
        // crash; restart with recovery; then the same stream goes on
        new RecordingRecovery(JSON, 5000).recoverAll(data);
        FileRecorder second = new FileRecorder(RecorderSettings.defaults(data), JSON);
        second.process(ex.audio(new byte[640], "L16", 16000, 1, "0", null, T0 + 1000));
        second.process(ex.lifecycle("STOPPED", 6, "MEETING_ENDED"));
        Path wav = data.resolve("meeting").resolve(TestExchanges.ENTITY_DIR).resolve("resumed/audio.wav");
        assertThat(WavFileWriterTest.readFrames(wav)).hasSize(16000 + 320);
    }
}
