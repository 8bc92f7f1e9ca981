package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.component.TestExchanges;
import io.camelrtms.media.AudioDecodingProcessor;
import io.camelrtms.media.TestSignals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last exchange of a stream this node left open for another run (RtmsLeft): a graceful leave
 * flushes and closes the files unfinished, a fenced one (RtmsFenced) must not touch them, since the
 * stream's next owner continues them on the shared data directory and may already have finished them.
 */
class FileRecorderLeaveTest {

    private static final long T0 = 1_738_392_033_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NAL = {0, 0, 0, 1, 0x67, 0x42, (byte) 0xC0, 0x1F, (byte) 0xDA, 0, 0, 0, 1, 0x68, (byte) 0xCE,
        0, 0, 0, 1, 0x65, 3, 4};

    @TempDir
    Path data;

    private final AudioDecodingProcessor decoder = new AudioDecodingProcessor(Duration.ofMillis(10), Duration.ofMillis(100));

    private FileRecorder recorder(TestExchanges ex) {
        FileRecorder r = new FileRecorder(RecorderSettings.defaults(data), JSON);
        r.setCamelContext(ex.context());
        return r;
    }

    private Path streamDir(String streamId) {
        return data.resolve("meeting").resolve(TestExchanges.ENTITY_DIR).resolve(streamId);
    }

    /** What the media route does for AUDIO: decode, then record. */
    private void audio(FileRecorder r, Exchange e) throws Exception {
        decoder.process(e);
        if (!e.isRouteStop()) {
            r.process(e);
        }
    }

    /** Media of every buffered kind: WAV PCM, an Ogg Opus page, an MP4 fragment, plus transcript and events lines. */
    private void record(FileRecorder r, TestExchanges ex, long at) throws Exception {
        audio(r, ex.audio(new byte[640], "L16", 16000, 1, "0", null, at));
        List<byte[]> opus = TestSignals.opusPackets(TestSignals.tones(48000, 1, 960), 48000, 1, 20);
        r.process(ex.audio(opus.get(0), "OPUS", 48000, 1, "16780288", "Carol", at)); // kept as Zoom sent it
        r.process(ex.video("VIDEO", "H264", NAL, "16779264", at));
        r.process(ex.video("VIDEO", "H264", NAL, "16779264", at + 33));
        r.process(ex.transcript("said at " + at, "16778240", "Alice", at, at, at + 500));
    }

    private static Exchange left(TestExchanges ex, boolean fenced) {
        Exchange e = ex.lifecycle("INTERRUPTED", null, null);
        e.getIn().setHeader(RtmsConstants.LEFT, true);
        if (fenced) {
            e.getIn().setHeader(RtmsConstants.FENCED, true);
        }
        return e;
    }

    @Test
    void aFencedNodeLeavesTheFilesItsSuccessorFinishedByteForByteAsTheyAre() throws Exception {
        TestExchanges paused = new TestExchanges("stream-1");
        FileRecorder fenced = recorder(paused);
        fenced.process(paused.lifecycle("STARTED", null, null));
        record(fenced, paused, T0); // open writers with data still in their buffers when the process was paused

        // meanwhile the next owner rejoined the stream, continued the same files and finished the recording
        TestExchanges next = new TestExchanges("stream-1");
        FileRecorder owner = recorder(next);
        owner.process(next.lifecycle("STARTED", null, null));
        record(owner, next, T0 + 5_000);
        Exchange stopped = next.lifecycle("STOPPED", 6, "MEETING_ENDED");
        decoder.release(stopped);
        owner.process(stopped);
        Path dir = streamDir("stream-1");
        assertThat(dir.resolve(RecordingLayout.MARKER)).doesNotExist();
        assertThat(dir.resolve(RecordingLayout.MANIFEST)).exists();
        Map<String, String> finished = contents(dir);

        // the paused node resumes, is fenced, and its last exchange reaches the recorder
        fenced.process(left(paused, true));
        fenced.flushAll();

        assertThat(fenced.recording("stream-1")).isNull();
        assertThat(fenced.openRecordings()).isZero();
        assertThat(contents(dir)).isEqualTo(finished);
        assertThat(dir.resolve(RecordingLayout.MARKER)).doesNotExist();
    }

    @Test
    void aFencedLeaveOfAStreamNotRecordedHereCreatesNothing() throws Exception {
        TestExchanges ex = new TestExchanges("stream-2");
        FileRecorder r = recorder(ex);
        r.process(left(ex, true));
        assertThat(streamDir("stream-2")).doesNotExist();
        assertThat(r.openRecordings()).isZero();
    }

    @Test
    void aGracefulLeaveFlushesAndClosesTheFilesUnfinishedForTheNextOwner() throws Exception {
        TestExchanges ex = new TestExchanges("stream-3");
        FileRecorder r = recorder(ex);
        r.process(ex.lifecycle("STARTED", null, null));
        record(r, ex, T0);
        Path dir = streamDir("stream-3");
        assertThat(WavFileWriterTest.readFrames(dir.resolve("audio.wav"))).as("still buffered").isEmpty();

        r.process(left(ex, false));

        assertThat(r.openRecordings()).isZero();
        assertThat(WavFileWriterTest.readFrames(dir.resolve("audio.wav"))).hasSize(320);
        assertThat(FileRecorderTest.lines(dir.resolve(RecordingLayout.EVENTS_JSONL)))
                .anyMatch(l -> "INTERRUPTED".equals(l.path("lifecycle").asText()));
        assertThat(dir.resolve(RecordingLayout.MARKER)).as("unfinished: the next owner continues").exists();
        assertThat(dir.resolve(RecordingLayout.MANIFEST)).doesNotExist();
    }

    @Test
    void withoutALeaseTheSchedulerWritesNoBufferedData() throws Exception {
        TestExchanges ex = new TestExchanges("stream-4");
        FileRecorder r = recorder(ex);
        AtomicBoolean leased = new AtomicBoolean(false);
        r.setLeased(leased::get);
        r.process(ex.lifecycle("STARTED", null, null));
        audio(r, ex.audio(new byte[640], "L16", 16000, 1, "0", null, T0));
        Path wav = streamDir("stream-4").resolve(RecordingLayout.MIXED_AUDIO);

        r.flushAll(); // a resumed process's overdue flush, before the fence reached the stream
        assertThat(WavFileWriterTest.readFrames(wav)).isEmpty();

        leased.set(true);
        r.flushAll();
        assertThat(WavFileWriterTest.readFrames(wav)).hasSize(320);
    }

    /** Every file under the directory by relative path, as a SHA-256 of its bytes (byte arrays do not compare by value). */
    private static Map<String, String> contents(Path dir) throws Exception {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                all.put(dir.relativize(f).toString(), HexFormat.of().formatHex(sha));
            }
        }
        return all;
    }
}
