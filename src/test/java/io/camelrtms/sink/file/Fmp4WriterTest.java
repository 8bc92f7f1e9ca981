package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real H.264 (a test pattern x264 encodes, one access unit per Zoom frame) written as fragmented
 * MP4, then read back by ffprobe: every frame decodes, at the time it was given.
 */
class Fmp4WriterTest {

    private static final int FRAMES = 20;

    @TempDir
    Path dir;

    private List<byte[]> accessUnits;

    @BeforeEach
    void encode() throws Exception {
        DebianTools.require("ffmpeg", "ffmpeg");
        DebianTools.require("ffprobe", "ffmpeg");
        Path h264 = dir.resolve("clip.h264");
        // access unit delimiters mark where each frame starts
        DebianTools.run(dir, "ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10",
                "-frames:v", Integer.toString(FRAMES), "-c:v", "libx264", "-profile:v", "baseline",
                "-x264-params", "aud=1:keyint=10", "-pix_fmt", "yuv420p", "-f", "h264", h264.toString());
        accessUnits = splitAtDelimiters(Files.readAllBytes(h264));
        assertThat(accessUnits).hasSize(FRAMES);
    }

    @Test
    void everyFrameDecodesAtTheTimeZoomStamped() throws Exception {
        Path mp4 = dir.resolve("video.mp4");
        List<Long> times = new ArrayList<>();
        try (Fmp4Writer w = Fmp4Writer.open(mp4)) {
            for (int i = 0; i < FRAMES; i++) {
                // 10 fps from 200 ms into the stream, and the camera paused for half a second after frame 9
                long t = 200 + i * 100L + (i >= 10 ? 500 : 0);
                times.add(t);
                w.write(accessUnits.get(i), t);
                if (i % 7 == 6) {
                    w.flush();
                }
            }
        }
        assertThat(DebianTools.ffprobe(dir, mp4, "stream=nb_read_frames", "-count_frames")).isEqualTo(Integer.toString(FRAMES));
        assertThat(DebianTools.ffprobe(dir, mp4, "stream=codec_name")).isEqualTo("h264");
        assertThat(DebianTools.ffprobe(dir, mp4, "stream=width")).isEqualTo("320");
        List<Long> pts = DebianTools.run(dir, "ffprobe", "-v", "error", "-select_streams", "0", "-show_entries",
                "packet=pts", "-of", "csv=p=0", mp4.toString()).lines().map(Long::parseLong).toList();
        assertThat(pts).isEqualTo(times);
        try (FileChannel ch = FileChannel.open(mp4, StandardOpenOption.READ)) {
            Fmp4Scan scan = Fmp4Scan.of(ch);
            assertThat(scan.samples()).isEqualTo(FRAMES);
            assertThat(scan.startTime()).isEqualTo(200);
            assertThat(scan.endTime()).as("the last frame lasts as long as the one before").isEqualTo(2700);
        }
    }

    @Test
    void theLastFrameLastsAsLongAsTheOneBeforeWhetherOrNotAFlushCameBetween() throws Exception {
        for (boolean flushBetween : new boolean[] {false, true}) {
            Path mp4 = dir.resolve("two-" + flushBetween + ".mp4");
            try (Fmp4Writer w = Fmp4Writer.open(mp4)) {
                w.write(accessUnits.get(0), 2000);
                w.write(accessUnits.get(1), 2500);
                if (flushBetween) {
                    w.flush();
                }
            }
            try (FileChannel ch = FileChannel.open(mp4, StandardOpenOption.READ)) {
                assertThat(Fmp4Scan.of(ch).endTime()).as("flush between: %s", flushBetween).isEqualTo(3000);
            }
        }
    }

    @Test
    void aTornFragmentIsCutOffAndARestartContinuesTheFile() throws Exception {
        Path mp4 = dir.resolve("video.mp4");
        Fmp4Writer w = Fmp4Writer.open(mp4);
        for (int i = 0; i < 10; i++) {
            w.write(accessUnits.get(i), i * 100L);
        }
        w.flush(); // nine frames have a known duration
        long fragmentEnd = Files.size(mp4);
        w.close();
        // The crash: half of the next fragment reached the disk.
        byte[] torn = Files.readAllBytes(mp4);
        try (FileChannel ch = FileChannel.open(mp4, StandardOpenOption.WRITE)) {
            ch.truncate(fragmentEnd + (torn.length - fragmentEnd) / 2);
        }
        assertThat(Fmp4Writer.repair(mp4)).isEqualTo(9);
        assertThat(Files.size(mp4)).isEqualTo(fragmentEnd);

        try (Fmp4Writer resumed = Fmp4Writer.open(mp4)) {
            for (int i = 9; i < FRAMES; i++) {
                resumed.write(accessUnits.get(i), i * 100L);
            }
        }
        assertThat(DebianTools.ffprobe(dir, mp4, "stream=nb_read_frames", "-count_frames")).isEqualTo(Integer.toString(FRAMES));
        List<Long> pts = DebianTools.run(dir, "ffprobe", "-v", "error", "-select_streams", "0", "-show_entries",
                "packet=pts", "-of", "csv=p=0", mp4.toString()).lines().map(Long::parseLong).toList();
        assertThat(pts).hasSize(FRAMES).isSorted().endsWith(1900L);
    }

    @Test
    void framesBeforeTheFirstSpsAreDroppedAndAFileWithoutHeaderIsRemovedByRepair() throws Exception {
        Path mp4 = dir.resolve("late.mp4");
        try (Fmp4Writer w = Fmp4Writer.open(mp4)) {
            w.write(accessUnits.get(1), 0); // a P frame: nothing to decode it with
            assertThat(w.droppedFrames()).isEqualTo(1);
            assertThat(w.frames()).isZero();
        }
        assertThat(Fmp4Writer.repair(mp4)).isEqualTo(-1);
        assertThat(mp4).doesNotExist();
    }

    /** Access units of an x264 stream with access unit delimiters (NAL type 9). */
    private static List<byte[]> splitAtDelimiters(byte[] stream) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 4 < stream.length; i++) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 0 && stream[i + 3] == 1 && (stream[i + 4] & 0x1F) == 9) {
                starts.add(i);
            }
        }
        List<byte[]> units = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int from = starts.get(k);
            int to = k + 1 < starts.size() ? starts.get(k + 1) : stream.length;
            byte[] unit = new byte[to - from];
            ByteBuffer.wrap(stream, from, to - from).get(unit);
            units.add(unit);
        }
        return units;
    }
}
