package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.TestExchanges;
import io.camelrtms.media.AudioDecodingProcessor;
import io.camelrtms.media.Pcm;
import io.camelrtms.media.TestSignals;
import io.camelrtms.media.WavHeader;
import io.camelrtms.sink.file.H264Container;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRecorderTest {

    private static final long T0 = 1_738_392_033_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final AudioDecodingProcessor decoder = new AudioDecodingProcessor(Duration.ofMillis(10), Duration.ofMillis(100));
    private final TestExchanges ex = new TestExchanges("stream-1");

    private FileRecorder recorder() {
        FileRecorder r = new FileRecorder(RecorderSettings.defaults(data), JSON);
        r.setCamelContext(ex.context());
        return r;
    }

    private Path streamDir() {
        return data.resolve("meeting").resolve(TestExchanges.ENTITY_DIR).resolve("stream-1");
    }

    /** What the media route does for AUDIO: decode, then record (unless the decoder dropped it). */
    private void audio(FileRecorder r, Exchange e) throws Exception {
        decoder.process(e);
        if (!e.isRouteStop()) {
            r.process(e);
        }
    }

    private void stop(FileRecorder r, int reason, String name) throws Exception {
        Exchange e = ex.lifecycle("STOPPED", reason, name);
        decoder.release(e);
        r.process(e);
    }

    @Test
    void perSpeakerAudioGoesToOneFilePerSpeakerOnACommonTimeline() throws Exception {
        FileRecorder r = recorder();
        r.process(ex.lifecycle("STARTED", null, null));
        // Alice talks from 0 to 200 ms, Bob from 100 ms to 300 ms, Carol (Opus at 48 kHz) from 1 s.
        short[] alice = TestSignals.tones(16000, 1, 3200);
        short[] bob = TestSignals.tones(16000, 1, 3200);
        for (int i = 0; i < bob.length; i++) {
            bob[i] = (short) (bob[i] / 2 + 1);
        }
        for (int p = 0; p < 10; p++) {
            audio(r, ex.audio(Pcm.toBytes(alice, p * 320, 320), "L16", 16000, 1, "16778240", "Alice", T0 + p * 20L));
            if (p >= 5) {
                audio(r, ex.audio(Pcm.toBytes(bob, (p - 5) * 320, 320), "L16", 16000, 1, "16779264", "Bob", T0 + p * 20L));
            }
        }
        for (int p = 10; p < 15; p++) {
            audio(r, ex.audio(Pcm.toBytes(bob, (p - 5) * 320, 320), "L16", 16000, 1, "16779264", "Bob", T0 + p * 20L));
        }
        List<byte[]> carol = TestSignals.opusPackets(TestSignals.tones(48000, 1, 9600), 48000, 1, 20);
        for (int p = 0; p < 10; p++) {
            audio(r, ex.audio(carol.get(p), "OPUS", 48000, 1, "16780288", "Carol", T0 + 1000 + p * 20L));
        }
        stop(r, 6, "MEETING_ENDED");

        Path dir = streamDir();
        short[] a = WavFileWriterTest.readFrames(dir.resolve("audio/16778240.wav"));
        short[] b = WavFileWriterTest.readFrames(dir.resolve("audio/16779264.wav"));
        short[] c = WavFileWriterTest.readFrames(dir.resolve("audio/16780288.wav"));
        assertThat(a).containsExactly(java.util.Arrays.copyOf(alice, 3200));
        // Bob's file starts with 100 ms of silence, then his words at 100 ms of the stream
        assertThat(b).hasSize(1600 + 3200);
        assertThat(java.util.Arrays.copyOf(b, 1600)).containsOnly((short) 0);
        assertThat(java.util.Arrays.copyOfRange(b, 1600, 4800)).containsExactly(java.util.Arrays.copyOf(bob, 3200));
        // Carol at 48 kHz: 1 s of leading silence then 10 × 960 frames
        assertThat(c).hasSize(48000 + 9600);
        assertThat(Files.exists(dir.resolve("audio.wav"))).isFalse();

        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
        JsonNode files = manifest.get("files");
        JsonNode bobEntry = entry(files, "audio/16779264.wav");
        assertThat(bobEntry.get("user_name").asText()).isEqualTo("Bob");
        assertThat(bobEntry.get("user_id").asText()).isEqualTo("16779264");
        assertThat(bobEntry.get("sample_rate").asInt()).isEqualTo(16000);
        assertThat(bobEntry.get("frames").asLong()).isEqualTo(4800);
        assertThat(bobEntry.get("duration_ms").asLong()).isEqualTo(300);
        assertThat(bobEntry.get("leading_silence_ms").asLong()).isEqualTo(100);
        assertThat(bobEntry.get("gaps_filled").asLong()).isZero();
        assertThat(bobEntry.get("bytes").asLong()).isEqualTo(WavHeader.HEADER_SIZE + 4800 * 2);
        JsonNode carolEntry = entry(files, "audio/16780288.wav");
        assertThat(carolEntry.get("source_codec").asText()).isEqualTo("OPUS");
        assertThat(carolEntry.get("sample_rate").asInt()).isEqualTo(48000);
        assertThat(entry(files, "audio/16778240.wav").get("source_codec").asText()).isEqualTo("L16");
    }

    @Test
    void mixedAudioGoesToAudioWavWithGapsFilledAndLossConcealed() throws Exception {
        FileRecorder r = recorder();
        List<byte[]> packets = TestSignals.opusPackets(TestSignals.tones(48000, 1, 48000), 48000, 1, 20);
        long ts = T0;
        for (int p = 0; p < 50; p++) {
            boolean lost = p == 10;            // one packet lost: concealed by the decoder
            boolean muted = p >= 20 && p < 30; // 200 ms of nothing: silence
            if (!lost && !muted) {
                audio(r, ex.audio(packets.get(p), "OPUS", 48000, 1, "0", null, ts));
            }
            ts += 20;
        }
        audio(r, ex.audio(new byte[] {(byte) 0xFB, 0x00}, "OPUS", 48000, 1, "0", null, ts)); // corrupt
        stop(r, 6, "MEETING_ENDED");

        Path wav = streamDir().resolve("audio.wav");
        // the last packet (49) starts at 980 ms: the file is exactly 1 s on the stream's clock
        assertThat(WavFileWriterTest.readFrames(wav)).hasSize(48000);
        JsonNode manifest = JSON.readTree(streamDir().resolve("manifest.json").toFile());
        JsonNode audio = entry(manifest.get("files"), "audio.wav");
        assertThat(audio.has("user_id")).isFalse();
        assertThat(audio.get("concealed_ms").asLong()).isEqualTo(20);
        assertThat(audio.get("gaps_filled").asLong()).isEqualTo(1);
        assertThat(audio.get("gap_fill_ms").asLong()).isEqualTo(200);
        assertThat(audio.get("duration_ms").asLong()).isEqualTo(1000);
        assertThat(manifest.get("audio_decode_errors").asLong()).isEqualTo(1);
    }

    @Test
    void textMediaGoToJsonLinesAndSubtitles() throws Exception {
        FileRecorder r = recorder();
        r.process(ex.lifecycle("STARTED", null, null));
        r.process(ex.event(1, "FIRST_PACKET_TIMESTAMP", "{\"event_type\":1,\"timestamp\":" + T0 + "}", T0));
        r.process(ex.transcript("Hello everyone.", "16778240", "Alice", T0 + 2600, T0 + 1000, T0 + 2500));
        assertThat(Files.readString(streamDir().resolve("transcript.jsonl")))
                .as("each line reaches the file as it arrives").contains("Hello everyone.");
        r.process(ex.transcript("Hi Alice.", "16779264", "Bob", T0 + 4000, -1, -1));
        r.process(ex.chat("plain words", "16778240", "Alice", T0 + 5000));
        r.process(ex.chat("{\"message_id\":\"m1\",\"operation_type\":1,\"content\":\"json words\"}", "16779264", "Bob", T0 + 6000));
        r.process(ex.event(3, "PARTICIPANT_JOIN", "{\"event_type\":3,\"participants\":[{\"user_id\":1}]}", T0 + 10));
        stop(r, 6, "MEETING_ENDED");

        Path dir = streamDir();
        List<JsonNode> transcript = lines(dir.resolve("transcript.jsonl"));
        assertThat(transcript).hasSize(2);
        assertThat(transcript.get(0).get("start_time").asLong()).isEqualTo(T0 + 1000);
        assertThat(transcript.get(0).get("user_name").asText()).isEqualTo("Alice");
        assertThat(transcript.get(0).get("language").asInt()).isEqualTo(9);
        assertThat(Files.readString(dir.resolve("transcript.vtt"))).isEqualTo("""
                WEBVTT

                1
                00:00:01.000 --> 00:00:02.500
                <v Alice>Hello everyone.

                2
                00:00:04.000 --> 00:00:09.000
                <v Bob>Hi Alice.
                """);
        assertThat(Files.readString(dir.resolve("transcript.srt"))).contains("00:00:04,000 --> 00:00:09,000\nBob: Hi Alice.");
        List<JsonNode> chat = lines(dir.resolve("chat.jsonl"));
        assertThat(chat.get(0).get("text").asText()).isEqualTo("plain words");
        assertThat(chat.get(1).get("message").get("content").asText()).isEqualTo("json words");
        assertThat(chat.get(1).get("user_name").asText()).isEqualTo("Bob");
        List<JsonNode> events = lines(dir.resolve("events.jsonl"));
        assertThat(events).extracting(e -> e.path("lifecycle").asText(e.path("event_name").asText()))
                .containsExactly("STARTED", "FIRST_PACKET_TIMESTAMP", "PARTICIPANT_JOIN", "STOPPED");
        assertThat(events.get(2).get("event").get("participants").get(0).get("user_id").asInt()).isEqualTo(1);
        assertThat(events.get(3).get("stop_reason").asInt()).isEqualTo(6);

        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertThat(entry(manifest.get("files"), "transcript.jsonl").get("lines").asLong()).isEqualTo(2);
        assertThat(entry(manifest.get("files"), "transcript.vtt").get("cues").asLong()).isEqualTo(2);
        assertThat(entry(manifest.get("files"), "events.jsonl").get("media_type").asText()).isEqualTo("EVENT");
        assertThat(manifest.get("timeline_start").asLong()).isEqualTo(T0);
    }

    @Test
    void h264StaysAnnexBWhenConfigured() throws Exception {
        FileRecorder r = new FileRecorder(RecorderSettings.defaults(data).withH264(H264Container.ANNEX_B), JSON);
        byte[] nal = {0, 0, 0, 1, 0x65, 3, 4};
        r.process(ex.video("VIDEO", "H264", nal, "16779264", T0));
        r.process(ex.video("VIDEO", "H264", nal, "16779264", T0 + 33));
        stop(r, 6, "MEETING_ENDED");
        assertThat(Files.readAllBytes(streamDir().resolve("video/16779264.h264"))).hasSize(2 * nal.length);
        JsonNode files = JSON.readTree(streamDir().resolve("manifest.json").toFile()).get("files");
        assertThat(entry(files, "video/16779264.h264").get("bytes").asLong()).isEqualTo(2L * nal.length);
    }

    @Test
    void videoFramesAndH264AreStoredPerUser() throws Exception {
        FileRecorder r = recorder();
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 9};
        byte[] nal = {0, 0, 0, 1, 0x67, 0x42, (byte) 0xC0, 0x1F, (byte) 0xDA, 0, 0, 0, 1, 0x68, (byte) 0xCE, 0, 0, 0, 1, 0x65, 3, 4};
        r.process(ex.video("VIDEO", "JPG", jpeg, "16778240", T0));
        r.process(ex.video("VIDEO", "JPG", jpeg, "16778240", T0 + 200));
        r.process(ex.video("VIDEO", "H264", nal, "16779264", T0));
        r.process(ex.video("VIDEO", "H264", nal, "16779264", T0 + 33));
        r.process(ex.video("DESKSHARE", null, png, "16778240", T0 + 50)); // format sniffed
        stop(r, 6, "MEETING_ENDED");

        Path dir = streamDir();
        try (Stream<Path> frames = Files.list(dir.resolve("video/16778240"))) {
            assertThat(frames.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(T0 + "-1.jpg", (T0 + 200) + "-2.jpg");
        }
        assertThat(dir.resolve("video/16779264.mp4")).isRegularFile();
        try (Stream<Path> frames = Files.list(dir.resolve("deskshare/16778240"))) {
            assertThat(frames.toList()).hasSize(1).allMatch(p -> p.toString().endsWith(".png"));
        }
        JsonNode files = JSON.readTree(dir.resolve("manifest.json").toFile()).get("files");
        assertThat(entry(files, "video/16778240/").get("frames").asLong()).isEqualTo(2);
        assertThat(entry(files, "video/16778240/").get("format").asText()).isEqualTo("jpg");
        assertThat(entry(files, "video/16779264.mp4").get("frames").asLong()).isEqualTo(2);
        assertThat(entry(files, "video/16779264.mp4").get("duration_ms").asLong()).isEqualTo(66);
        assertThat(entry(files, "deskshare/16778240/").get("media_type").asText()).isEqualTo("DESKSHARE");
    }

    @Test
    void manifestDescribesTheStream() throws Exception {
        FileRecorder r = recorder();
        r.process(ex.lifecycle("STARTED", null, null));
        audio(r, ex.audio(new byte[640], "L16", 16000, 1, "0", null, T0));
        stop(r, 6, "MEETING_ENDED");
        JsonNode m = JSON.readTree(streamDir().resolve("manifest.json").toFile());
        assertThat(m.get("manifest_version").asInt()).isEqualTo(1);
        assertThat(m.get("product").asText()).isEqualTo("meeting");
        assertThat(m.get("entity_key").asText()).isEqualTo("meeting_uuid");
        assertThat(m.get("entity_id").asText()).isEqualTo(TestExchanges.ENTITY);
        assertThat(m.get("entity_dir").asText()).isEqualTo(TestExchanges.ENTITY_DIR);
        assertThat(m.get("rtms_stream_id").asText()).isEqualTo("stream-1");
        assertThat(m.get("started_at").asText()).isNotBlank();
        assertThat(m.get("stopped_at").asText()).isNotBlank();
        assertThat(m.get("lifecycle").asText()).isEqualTo("STOPPED");
        assertThat(m.get("stop_reason").asInt()).isEqualTo(6);
        assertThat(m.get("stop_reason_name").asText()).isEqualTo("MEETING_ENDED");
        assertThat(m.get("recovered").asBoolean()).isFalse();
        assertThat(m.get("audio_decode_errors").asLong()).isZero();
        assertThat(m.get("timeline_start").asLong()).isEqualTo(T0);
        JsonNode wav = entry(m.get("files"), "audio.wav");
        assertThat(wav.get("media_type").asText()).isEqualTo("AUDIO");
        assertThat(wav.get("format").asText()).isEqualTo("wav");
        assertThat(wav.get("codec").asText()).isEqualTo("pcm_s16le");
        assertThat(wav.get("channels").asInt()).isEqualTo(1);
        assertThat(wav.get("frames").asLong()).isEqualTo(320);
        assertThat(wav.get("duration_ms").asLong()).isEqualTo(20);
        assertThat(Files.exists(streamDir().resolve(".recording"))).isFalse();
        assertThat(r.openRecordings()).isZero();
    }

    @Test
    void aRevokedStreamLeavesNothingBehind() throws Exception {
        FileRecorder r = recorder();
        r.process(ex.lifecycle("STARTED", null, null));
        audio(r, ex.audio(new byte[640], "L16", 16000, 1, "16778240", "Alice", T0));
        r.process(ex.transcript("secret words", "16778240", "Alice", T0, -1, -1));
        r.process(ex.video("VIDEO", "H264", new byte[] {0, 0, 0, 1, 0x65}, "16778240", T0));
        assertThat(streamDir()).isDirectory();
        stop(r, 8, "STREAM_REVOKED");
        assertThat(data.resolve("meeting").resolve(TestExchanges.ENTITY_DIR)).doesNotExist();
        try (Stream<Path> left = Files.walk(data)) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(r.openRecordings()).isZero();
    }

    @Test
    void revocationKeepsOtherStreamsOfTheSameMeeting() throws Exception {
        FileRecorder r = recorder();
        TestExchanges other = new TestExchanges("stream-2");
        r.process(other.transcript("kept", "1", "A", T0, -1, -1));
        r.process(ex.transcript("gone", "1", "A", T0, -1, -1));
        stop(r, 8, "STREAM_REVOKED");
        assertThat(streamDir()).doesNotExist();
        assertThat(data.resolve("meeting").resolve(TestExchanges.ENTITY_DIR).resolve("stream-2").resolve("transcript.jsonl")).exists();
    }

    @Test
    void revokedDataIsKeptWhenDeletionIsOff() throws Exception {
        FileRecorder r = new FileRecorder(RecorderSettings.defaults(data).withDeleteOnRevoke(false), JSON);
        r.process(ex.transcript("kept", "1", "A", T0, -1, -1));
        stop(r, 8, "STREAM_REVOKED");
        JsonNode m = JSON.readTree(streamDir().resolve("manifest.json").toFile());
        assertThat(m.get("stop_reason_name").asText()).isEqualTo("STREAM_REVOKED");
    }

    @Test
    void shutdownMidStreamLeavesValidFilesThatTheNextStartFinishes() throws Exception {
        FileRecorder r = recorder();
        r.start();
        audio(r, ex.audio(new byte[6400], "L16", 16000, 1, "0", null, T0));
        r.process(ex.transcript("unfinished", "1", "A", T0 + 100, -1, -1));
        r.stop();
        assertThat(streamDir().resolve(".recording")).exists();
        assertThat(streamDir().resolve("manifest.json")).doesNotExist();
        assertThat(WavFileWriterTest.readFrames(streamDir().resolve("audio.wav"))).hasSize(3200);

        FileRecorder next = recorder();
        next.start();
        try {
            JsonNode m = JSON.readTree(streamDir().resolve("manifest.json").toFile());
            assertThat(m.get("recovered").asBoolean()).isTrue();
            assertThat(m.get("lifecycle").asText()).isEqualTo("RECOVERED");
            assertThat(Files.readString(streamDir().resolve("transcript.vtt"), StandardCharsets.UTF_8))
                    .contains("00:00:00.100 --> 00:00:05.100");
            assertThat(streamDir().resolve(".recording")).doesNotExist();
        } finally {
            next.stop();
        }
    }

    @Test
    void theSchedulerBringsHeadersUpToDateWhileRecording() throws Exception {
        recordOnePacketAndAwait(Duration.ofMillis(50), wav -> assertThat(WavFileWriterTest.readFrames(wav)).hasSize(320));
    }

    @Test
    void audioThatStopsArrivingReachesTheFileWithinTheWriteDelay() throws Exception {
        // no header refresh for an hour: only the write-delay sweep can hand the lone packet to the file
        recordOnePacketAndAwait(Duration.ofHours(1), wav -> assertThat(Files.size(wav)).isEqualTo(WavHeader.HEADER_SIZE + 640));
    }

    /** Records one 20 ms packet with the recorder's scheduler running, then waits until its file passes the check. */
    private void recordOnePacketAndAwait(Duration headerRefresh, FileCheck check) throws Exception {
        FileRecorder r = new FileRecorder(RecorderSettings.defaults(data).withHeaderRefreshInterval(headerRefresh), JSON);
        r.setCamelContext(ex.context());
        r.start();
        try {
            audio(r, ex.audio(new byte[640], "L16", 16000, 1, "0", null, T0));
            Path wav = streamDir().resolve("audio.wav");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> check.check(wav));
        } finally {
            r.stop();
        }
    }

    private interface FileCheck {
        void check(Path file) throws Exception;
    }

    @Test
    void exchangesWithoutAStreamAreIgnored() throws Exception {
        FileRecorder r = recorder();
        Exchange e = ex.base("EVENT");
        e.getIn().removeHeader(io.camelrtms.component.RtmsConstants.STREAM_ID);
        r.process(e);
        assertThat(r.openRecordings()).isZero();
        assertThat(data).isEmptyDirectory();
    }

    static JsonNode entry(JsonNode files, String path) {
        for (JsonNode f : files) {
            if (f.get("path").asText().equals(path)) {
                return f;
            }
        }
        throw new AssertionError("no manifest entry for " + path + " in " + files);
    }

    static List<JsonNode> lines(Path jsonl) throws Exception {
        return Files.readAllLines(jsonl).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
