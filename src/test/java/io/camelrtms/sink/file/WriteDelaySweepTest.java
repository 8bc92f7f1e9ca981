package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.media.PcmFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteDelaySweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PcmFormat MONO_16K = new PcmFormat(16000, 1);

    @TempDir
    Path data;

    private final WriteDelaySweep sweep = new WriteDelaySweep();

    private StreamRecording open(String streamId) throws Exception {
        StreamInfo info = new StreamInfo("meeting", "meeting_uuid", "m1", streamId, null, Instant.now(), -1);
        return StreamRecording.open(data.resolve(streamId), JSON, RecorderSettings.defaults(data), info, null, sweep);
    }

    @Test
    void aRecordingJoinsTheSweepWithItsFirstAudioFileAndLeavesItWhenItsFilesClose() throws Exception {
        StreamRecording a = open("a");
        StreamRecording b = open("b");
        StreamRecording c = open("c");
        assertThat(sweep.recordings()).isEmpty();

        a.audio(new byte[640], MONO_16K, null, null, "L16", 1000L, 0, 1);
        a.audio(new byte[640], MONO_16K, "speaker-2", null, "L16", 1000L, 0, 1);
        b.audio(new byte[640], MONO_16K, null, null, "L16", 1000L, 0, 1);
        c.audio(new byte[640], MONO_16K, null, null, "L16", 1000L, 0, 1);
        assertThat(sweep.recordings()).containsExactly(a, b, c);

        b.closeFiles();
        assertThat(sweep.recordings()).containsExactly(a, c);
        c.abandonFiles();
        a.closeFiles();
        assertThat(sweep.recordings()).isEmpty();
    }

    @Test
    void theSweepDrainsEveryAudioFileOfARecording() throws Exception {
        StreamRecording a = open("a");
        a.audio(new byte[640], MONO_16K, "speaker-1", null, "L16", 1000L, 0, 1);
        a.audio(new byte[640], MONO_16K, "speaker-2", null, "L16", 1000L, 0, 1);

        // long after the 10 ms write delay, as the recorder's scheduler would call it
        a.drainDue(System.nanoTime() + 1_000_000_000L);

        for (String speaker : new String[] {"speaker-1", "speaker-2"}) {
            Path wav = data.resolve("a").resolve(RecordingLayout.audioFile(speaker));
            assertThat(Files.size(wav)).isEqualTo(io.camelrtms.media.WavHeader.HEADER_SIZE + 640);
        }
        a.closeFiles();
    }
}
