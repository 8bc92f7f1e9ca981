package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.TestExchanges;
import io.camelrtms.media.Pcm;
import io.camelrtms.media.TestSignals;
import io.camelrtms.media.WavHeader;
import io.camelrtms.sink.file.Fmp4Scan;
import io.camelrtms.sink.file.OggOpusWriter;
import io.camelrtms.sink.file.OpusRecording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
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

    @Test
    void recoveryFinishesOggOpusAndMp4FilesACrashTore() throws Exception {
        TestExchanges ex = new TestExchanges("kept");
        RecorderSettings settings = RecorderSettings.defaults(data).withOpus(OpusRecording.KEEP);
        FileRecorder crashed = new FileRecorder(settings, JSON);
        List<byte[]> packets = TestSignals.opusPackets(TestSignals.tones(48000, 1, 50 * 960), 48000, 1, 20);
        byte[] frame = {0, 0, 0, 1, 0x67, 0x42, (byte) 0xC0, 0x1F, (byte) 0xDA, 0, 0, 0, 1, 0x68, (byte) 0xCE, 0, 0, 0, 1, 0x65, 3, 4};
        for (int p = 0; p < packets.size(); p++) {
            crashed.process(ex.audio(packets.get(p), "OPUS", 48000, 1, "0", null, T0 + p * 20L));
            if (p % 5 == 0) {
                crashed.process(ex.video("VIDEO", "H264", frame, "16778240", T0 + p * 20L));
            }
        }
        crashed.flushAll();
        // The crash: a page and a fragment reached the disk only in part.
        Path dir = data.resolve("meeting").resolve(TestExchanges.ENTITY_DIR).resolve("kept");
        Path opus = dir.resolve(RecordingLayout.MIXED_OPUS);
        Path mp4 = dir.resolve("video/16778240.mp4");
        Files.write(opus, new byte[] {'O', 'g', 'g', 'S', 0, 0, 9}, StandardOpenOption.APPEND);
        Files.write(mp4, new byte[] {0, 0, 1, 0, 'm', 'o', 'o', 'f', 1, 2}, StandardOpenOption.APPEND);

        assertThat(new RecordingRecovery(JSON, 5000).recoverAll(data)).containsExactly(dir);

        JsonNode files = JSON.readTree(dir.resolve(RecordingLayout.MANIFEST).toFile()).get("files");
        JsonNode audio = files.get(0);
        assertThat(audio.path("path").asText()).isEqualTo(RecordingLayout.MIXED_OPUS);
        assertThat(audio.path("duration_ms").asLong()).isEqualTo(50 * 20);
        assertThat(OggOpusWriter.Scan.of(opus).samples()).isEqualTo(50 * 960);
        assertThat(OggOpusWriter.Scan.of(opus).ended()).isTrue();
        JsonNode video = files.get(files.size() - 1);
        assertThat(video.path("path").asText()).isEqualTo("video/16778240.mp4");
        // the newest frame waits for its successor to know its duration: nine of ten reached the file
        assertThat(video.path("frames").asLong()).isEqualTo(9);
        try (var ch = java.nio.channels.FileChannel.open(mp4)) {
            assertThat(Fmp4Scan.of(ch).validEnd()).isEqualTo(Files.size(mp4));
        }
    }
}
