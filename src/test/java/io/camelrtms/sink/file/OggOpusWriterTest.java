package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.media.TestSignals;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of Ogg Opus: a file a crash tore is cut to its last complete page and finished with
 * an end-of-stream page mark, a resumed stream goes on in the same file, and opusdec decodes every
 * packet that reached the disk.
 */
class OggOpusWriterTest {

    private static final int PACKET_SAMPLES = 960;

    @TempDir
    Path dir;

    private final List<byte[]> packets = TestSignals.opusPackets(TestSignals.tones(48000, 1, 100 * PACKET_SAMPLES), 48000, 1, 20);

    @Test
    void aTornFileIsCutToItsLastPageMarkedEndOfStreamAndDecodes() throws Exception {
        DebianTools.require("opusdec", "opus-tools");
        Path ogg = dir.resolve("crashed.opus");
        OggOpusWriter w = OggOpusWriter.create(ogg, 1, 48000);
        for (int p = 0; p < 60; p++) {
            w.write(packets.get(p), PACKET_SAMPLES);
            if (p == 29 || p == 49) {
                w.flush();
            }
        }
        w.flush();
        // The crash: what was on disk then, with the last page only in part.
        Path crashed = dir.resolve("copy.opus");
        Files.copy(ogg, crashed);
        w.close();
        Files.move(crashed, ogg, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long size = Files.size(ogg);
        try (FileChannel ch = FileChannel.open(ogg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 20);
        }
        assertThat(OggOpusWriter.repair(ogg)).isEqualTo(50L * PACKET_SAMPLES);
        OggOpusWriter.Scan scan = OggOpusWriter.Scan.of(ogg);
        assertThat(scan.samples()).isEqualTo(50L * PACKET_SAMPLES);
        assertThat(scan.last.type() & OggPage.END_OF_STREAM).isEqualTo(OggPage.END_OF_STREAM);
        assertThat(decodedFrames(ogg)).isEqualTo(50L * PACKET_SAMPLES);
    }

    @Test
    void aResumedStreamContinuesTheFileAndItsTimeline() throws Exception {
        DebianTools.require("opusdec", "opus-tools");
        Path ogg = dir.resolve("resumed.opus");
        OpusTrack first = new OpusTrack(OggOpusWriter.create(ogg, 1, 48000), "resumed.opus", "1", GapPolicy.DEFAULT);
        for (int p = 0; p < 40; p++) {
            first.write(packets.get(p), p * 20L);
        }
        first.writer().close();
        // after the restart the stream goes on, 200 ms later on its timeline
        OpusTrack second = new OpusTrack(OggOpusWriter.append(ogg, 1, 48000), "resumed.opus", "1", GapPolicy.DEFAULT);
        assertThat(second.writer().samples()).isEqualTo(40L * PACKET_SAMPLES);
        for (int p = 50; p < 100; p++) {
            second.write(packets.get(p), p * 20L);
        }
        second.writer().close();
        assertThat(second.gapsFilled()).isEqualTo(1);
        assertThat(second.gapMillis()).isEqualTo(200);
        assertThat(decodedFrames(ogg)).isEqualTo(100L * PACKET_SAMPLES);
        OggOpusWriter.Scan scan = OggOpusWriter.Scan.of(ogg);
        assertThat(scan.last.type() & OggPage.END_OF_STREAM).isEqualTo(OggPage.END_OF_STREAM);
    }

    @Test
    void aFileWithoutItsHeadersIsRemoved() throws Exception {
        Path ogg = dir.resolve("empty.opus");
        Files.write(ogg, new byte[] {'O', 'g', 'g', 'S', 0});
        assertThat(OggOpusWriter.repair(ogg)).isEqualTo(-1);
        assertThat(ogg).doesNotExist();
    }

    private long decodedFrames(Path ogg) throws Exception {
        Path raw = dir.resolve(ogg.getFileName() + ".raw");
        DebianTools.run(dir, "opusdec", "--quiet", "--rate", "48000", "--no-dither", ogg.toString(), raw.toString());
        return Files.size(raw) / 2;
    }
}
