package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelrtms.media.Pcm;
import io.camelrtms.media.PcmFormat;
import io.camelrtms.media.TestSignals;
import io.camelrtms.media.WavHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileWriterTest {

    private static final PcmFormat MONO_16K = new PcmFormat(16000, 1);

    @TempDir
    Path dir;

    @Test
    void fileIsAValidWavFromTheStartAndTheHeaderFollowsEachFlush() throws Exception {
        Path wav = dir.resolve("a/audio.wav");
        short[] src = TestSignals.tones(16000, 1, 16000);
        byte[] pcm = Pcm.toBytes(src, 0, src.length);
        try (WavFileWriter w = WavFileWriter.create(wav, MONO_16K, 4096)) {
            assertThat(readFrames(wav)).isEmpty();
            for (int off = 0; off < pcm.length / 2; off += 640) {
                w.write(pcm, off, 640);
            }
            assertThat(w.frames()).isEqualTo(8000);
            w.flush();
            // Read while the writer is still open: the refreshed header covers every frame written.
            assertThat(readFrames(wav)).isEqualTo(Arrays.copyOf(src, 8000));
            for (int off = pcm.length / 2; off < pcm.length; off += 640) {
                w.write(pcm, off, 640);
            }
        }
        assertThat(readFrames(wav)).isEqualTo(src);
        assertThat(Files.size(wav)).isEqualTo(WavHeader.HEADER_SIZE + pcm.length);
    }

    @Test
    void bufferedPcmReachesTheFileWithinTheLongestWriteDelayAndIsCountedThen() throws Exception {
        Path wav = dir.resolve("delay.wav");
        RecordingStatistics statistics = new RecordingStatistics();
        List<Long> latencies = new ArrayList<>();
        statistics.setAudioLatencyObserver(latencies::add);
        long stamp = System.currentTimeMillis();
        try (WavFileWriter w = WavFileWriter.create(wav, MONO_16K, 8192).maxWriteDelay(Duration.ofHours(1))) {
            w.reportTo(statistics);
            w.write(new byte[640], stamp);
            // buffered: not in the file, not counted
            assertThat(Files.size(wav)).isEqualTo(WavHeader.HEADER_SIZE);
            assertThat(statistics.audioChunksWritten()).isZero();
            w.drainIfDue(System.nanoTime());
            assertThat(Files.size(wav)).isEqualTo(WavHeader.HEADER_SIZE);
            // the recorder's sweep, two delays later, hands it to the operating system
            w.drainIfDue(System.nanoTime() + Duration.ofHours(2).toNanos() + 1);
            assertThat(Files.size(wav)).isEqualTo(WavHeader.HEADER_SIZE + 640);
            assertThat(statistics.audioChunksWritten()).isEqualTo(1);
            assertThat(latencies).singleElement().satisfies(ms -> assertThat(ms).isBetween(0L, 60_000L));
        }
    }

    @Test
    void aChunkOfSeveralPacketsCountsEachWithItsOwnTimestamp() throws Exception {
        RecordingStatistics statistics = new RecordingStatistics();
        List<Long> latencies = new ArrayList<>();
        statistics.setAudioLatencyObserver(latencies::add);
        long stamp = System.currentTimeMillis() - 1000;
        // buffered, then drained on close; and larger than the buffer, written at once
        try (WavFileWriter w = WavFileWriter.create(dir.resolve("batched.wav"), MONO_16K, 8192)) {
            w.reportTo(statistics);
            w.write(new byte[3 * 640], stamp, 3);
        }
        try (WavFileWriter w = WavFileWriter.create(dir.resolve("big-batch.wav"), MONO_16K, 1024)) {
            w.reportTo(statistics);
            w.write(new byte[5 * 640], stamp, 5);
        }
        assertThat(statistics.audioChunksWritten()).isEqualTo(8);
        assertThat(latencies).hasSize(8);
        // 640 bytes are 20 ms of 16 kHz mono: each packet 20 ms younger than the one before it
        for (int i : new int[] {1, 2, 4, 5, 6, 7}) {
            assertThat(latencies.get(i - 1) - latencies.get(i)).as("packet %d", i).isEqualTo(20);
        }
    }

    @Test
    void aZeroWriteDelayWritesEveryPacketAtOnceAndNoDelayWaitsForAFullBuffer() throws Exception {
        Path now = dir.resolve("now.wav");
        try (WavFileWriter w = WavFileWriter.create(now, MONO_16K, 8192).maxWriteDelay(Duration.ZERO)) {
            w.write(new byte[640]);
            assertThat(Files.size(now)).isEqualTo(WavHeader.HEADER_SIZE + 640);
        }
        Path full = dir.resolve("full.wav");
        try (WavFileWriter w = WavFileWriter.create(full, MONO_16K, 1280)) {
            w.write(new byte[640]);
            w.drainIfDue(Long.MAX_VALUE / 2);
            assertThat(Files.size(full)).as("no delay set: only a full buffer or flush writes").isEqualTo(WavHeader.HEADER_SIZE);
            w.write(new byte[640]);
            w.write(new byte[640]);
            assertThat(Files.size(full)).isEqualTo(WavHeader.HEADER_SIZE + 1280);
        }
        assertThat(Files.size(full)).isEqualTo(WavHeader.HEADER_SIZE + 1920);
    }

    @Test
    void writesChunksLargerThanItsBufferInOrder() throws Exception {
        Path wav = dir.resolve("big.wav");
        short[] src = TestSignals.tones(16000, 2, 8000);
        byte[] pcm = Pcm.toBytes(src, 0, src.length);
        try (WavFileWriter w = WavFileWriter.create(wav, new PcmFormat(16000, 2), 1024)) {
            w.write(pcm, 0, 400);
            w.write(pcm, 400, 20000);
            w.write(pcm, 20400, pcm.length - 20400);
        }
        assertThat(readFrames(wav)).isEqualTo(src);
    }

    @Test
    void silenceIsExactlyTheFramesAskedFor() throws Exception {
        Path wav = dir.resolve("silence.wav");
        try (WavFileWriter w = WavFileWriter.create(wav, new PcmFormat(48000, 2), 8192)) {
            w.write(new byte[] {1, 0, 2, 0});
            w.writeSilence(100_000);
            w.write(new byte[] {3, 0, 4, 0});
            assertThat(w.frames()).isEqualTo(100_002);
        }
        short[] s = readFrames(wav);
        assertThat(s).hasSize(200_004);
        assertThat(s[0]).isEqualTo((short) 1);
        assertThat(Arrays.copyOfRange(s, 2, 200_002)).containsOnly((short) 0);
        assertThat(s[200_002]).isEqualTo((short) 3);
    }

    @Test
    void appendContinuesAnExistingFileAndDropsAPartialFrame() throws Exception {
        Path wav = dir.resolve("resume.wav");
        try (WavFileWriter w = WavFileWriter.create(wav, MONO_16K, 1024)) {
            w.write(new byte[] {1, 0, 2, 0});
        }
        Files.write(wav, new byte[] {9}, java.nio.file.StandardOpenOption.APPEND); // torn frame
        try (WavFileWriter w = WavFileWriter.append(wav, MONO_16K, 1024)) {
            assertThat(w.frames()).isEqualTo(2);
            w.write(new byte[] {3, 0});
        }
        assertThat(readFrames(wav)).containsExactly((short) 1, (short) 2, (short) 3);
    }

    @Test
    void appendReplacesAFileOfAnotherFormat() throws Exception {
        Path wav = dir.resolve("other.wav");
        try (WavFileWriter w = WavFileWriter.create(wav, MONO_16K, 1024)) {
            w.write(new byte[64]);
        }
        try (WavFileWriter w = WavFileWriter.append(wav, new PcmFormat(48000, 1), 1024)) {
            assertThat(w.frames()).isZero();
        }
    }

    @Test
    void rejectsPartialFramesAndWritesAfterClose() throws Exception {
        WavFileWriter w = WavFileWriter.create(dir.resolve("x.wav"), new PcmFormat(16000, 2), 1024);
        assertThatThrownBy(() -> w.write(new byte[6])).isInstanceOf(IllegalArgumentException.class);
        w.close();
        assertThatThrownBy(() -> w.write(new byte[4])).isInstanceOf(IOException.class);
        w.close(); // twice is fine
    }

    /** Reads a WAV file's samples with Java Sound, as a player would. */
    static short[] readFrames(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] bytes = in.readAllBytes();
            assertThat(bytes.length).isEqualTo(in.getFrameLength() * in.getFormat().getFrameSize());
            return Pcm.toShorts(bytes);
        }
    }
}
