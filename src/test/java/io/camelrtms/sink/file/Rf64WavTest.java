package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.media.PcmFormat;
import io.camelrtms.media.WavHeader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording past 4 GiB stays playable: the WAV file turns into RF64 in place, and the recovery
 * pass repairs the large form too. The silence that takes the file past 4 GiB is a hole in a sparse
 * file, so the test writes a few kilobytes to disk; sox and ffprobe, independent readers, state the length.
 */
class Rf64WavTest {

    private static final PcmFormat FORMAT = new PcmFormat(16000, 1);
    /** A little over 4 GiB of 16 kHz mono: about 37.5 hours. */
    private static final long SILENT_FRAMES = (4L << 30) / 2 + 16000L * 60;
    private static final int TAIL_FRAMES = 16000;

    @TempDir
    Path dir;

    @Test
    void aShortRecordingIsPlainWavWithTheRoomForRf64Reserved() throws Exception {
        DebianTools.require("sox", "sox");
        Path wav = dir.resolve("short.wav");
        try (WavFileWriter w = WavFileWriter.create(wav, FORMAT, 8192)) {
            w.write(new byte[3200]);
        }
        assertThat(fourCc(wav, 0)).isEqualTo("RIFF");
        assertThat(fourCc(wav, WavHeader.DS64_OFFSET)).isEqualTo("JUNK");
        assertThat(DebianTools.run(dir, "sox", "--i", "-s", wav.toString())).isEqualTo("1600");
    }

    @Test
    void passingFourGiBTurnsTheFileIntoRf64ThatSoxReadsToTheLastFrame() throws Exception {
        DebianTools.require("ffprobe", "ffmpeg");
        Path wav = dir.resolve("long.wav");
        try (WavFileWriter w = WavFileWriter.create(wav, FORMAT, 8192)) {
            w.writeSilence(SILENT_FRAMES);
            w.write(new byte[TAIL_FRAMES * 2]);
        }
        long frames = SILENT_FRAMES + TAIL_FRAMES;
        assertThat(Files.size(wav)).isEqualTo(WavHeader.HEADER_SIZE + frames * 2).isGreaterThan(4L << 30);
        assertThat(fourCc(wav, 0)).isEqualTo("RF64");
        assertThat(fourCc(wav, WavHeader.DS64_OFFSET)).isEqualTo("ds64");
        assertThat(samples(wav)).isEqualTo(Long.toString(frames));
        try (FileChannel ch = FileChannel.open(wav, StandardOpenOption.READ)) {
            assertThat(WavHeader.read(ch).declaredBytes()).isEqualTo(frames * 2);
        }
    }

    @Test
    void recoveryRepairsALargeFileWhoseHeaderACrashLeftStale() throws Exception {
        DebianTools.require("ffprobe", "ffmpeg");
        Path stream = dir.resolve("meeting").resolve("m").resolve("s");
        Files.createDirectories(stream);
        Files.writeString(stream.resolve(".recording"), "{}");
        Path wav = stream.resolve("audio.wav");
        try (WavFileWriter w = WavFileWriter.create(wav, FORMAT, 8192)) {
            w.writeSilence(SILENT_FRAMES);
            w.write(new byte[TAIL_FRAMES * 2]);
        }
        // The crash: the header as it was created (no audio stated), and half a frame torn off the end.
        try (FileChannel ch = FileChannel.open(wav, StandardOpenOption.WRITE)) {
            ch.write(WavHeader.header(FORMAT, 0), 0);
            ch.write(ByteBuffer.wrap(new byte[1]), ch.size());
        }
        assertThat(fourCc(wav, 0)).isEqualTo("RIFF");

        new RecordingRecovery(new ObjectMapper(), 5000).recover(stream);

        long frames = SILENT_FRAMES + TAIL_FRAMES;
        assertThat(Files.size(wav)).isEqualTo(WavHeader.HEADER_SIZE + frames * 2);
        assertThat(fourCc(wav, 0)).isEqualTo("RF64");
        assertThat(samples(wav)).isEqualTo(Long.toString(frames));
        assertThat(new ObjectMapper().readTree(stream.resolve("manifest.json").toFile()).path("files").get(0)
                .path("frames").asLong()).isEqualTo(frames);
    }

    /** The length in samples ffprobe reads from the header (sox would read the whole 4 GiB to count them). */
    private String samples(Path wav) throws Exception {
        return DebianTools.ffprobe(dir, wav, "stream=duration_ts");
    }

    private static String fourCc(Path file, long offset) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4);
            ch.read(b, offset);
            return new String(b.array(), StandardCharsets.US_ASCII);
        }
    }
}
