package io.camelrtms.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavHeaderTest {

    @TempDir
    Path dir;

    @Test
    void canonicalHeaderHasTheRiffLayout() {
        ByteBuffer h = WavHeader.canonical(new PcmFormat(16000, 2), 6400).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(h.remaining()).isEqualTo(44);
        assertThat(ascii(h, 0)).isEqualTo("RIFF");
        assertThat(h.getInt(4)).isEqualTo(36 + 6400);
        assertThat(ascii(h, 8)).isEqualTo("WAVE");
        assertThat(ascii(h, 12)).isEqualTo("fmt ");
        assertThat(h.getInt(16)).isEqualTo(16);
        assertThat(h.getShort(20)).isEqualTo((short) 1);       // PCM
        assertThat(h.getShort(22)).isEqualTo((short) 2);       // channels
        assertThat(h.getInt(24)).isEqualTo(16000);             // sample rate
        assertThat(h.getInt(28)).isEqualTo(64000);             // byte rate
        assertThat(h.getShort(32)).isEqualTo((short) 4);       // block align
        assertThat(h.getShort(34)).isEqualTo((short) 16);      // bits
        assertThat(ascii(h, 36)).isEqualTo("data");
        assertThat(h.getInt(40)).isEqualTo(6400);
    }

    @Test
    void javaSoundReadsTheHeader() throws Exception {
        byte[] pcm = new byte[3200];
        ByteBuffer h = WavHeader.canonical(new PcmFormat(8000, 1), pcm.length);
        byte[] file = new byte[44 + pcm.length];
        h.get(file, 0, 44);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(file))) {
            AudioFormat f = in.getFormat();
            assertThat(f.getSampleRate()).isEqualTo(8000f);
            assertThat(f.getChannels()).isEqualTo(1);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            assertThat(f.isBigEndian()).isFalse();
            assertThat(in.getFrameLength()).isEqualTo(1600);
        }
    }

    @Test
    void dataLengthIsClampedToWholeFramesAndTheRiffLimit() {
        PcmFormat stereo = new PcmFormat(48000, 2);
        assertThat(WavHeader.clampDataBytes(stereo, 1003)).isEqualTo(1000);
        assertThat(WavHeader.clampDataBytes(stereo, -5)).isZero();
        long max = WavHeader.clampDataBytes(stereo, 10L << 32);
        assertThat(max).isLessThanOrEqualTo(WavHeader.MAX_DATA_BYTES).isEqualTo(0xFFFF_FFFFL - 36 - (0xFFFF_FFFFL - 36) % 4);
        assertThat(WavHeader.riffSize(max)).isLessThanOrEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void readsCanonicalAndExtendedHeaders() throws IOException {
        Path canonical = dir.resolve("a.wav");
        ByteBuffer h = WavHeader.canonical(new PcmFormat(16000, 1), 320);
        Files.write(canonical, concat(toArray(h), new byte[320]));
        try (FileChannel ch = FileChannel.open(canonical, StandardOpenOption.READ)) {
            WavHeader.Info info = WavHeader.read(ch);
            assertThat(info.format()).isEqualTo(new PcmFormat(16000, 1));
            assertThat(info.dataOffset()).isEqualTo(44);
            assertThat(info.dataSizeOffset()).isEqualTo(40);
            assertThat(info.declaredBytes()).isEqualTo(320);
        }
        // A LIST chunk between fmt and data, as other tools write: data starts later.
        byte[] c = toArray(WavHeader.canonical(new PcmFormat(16000, 1), 320));
        ByteBuffer list = ByteBuffer.allocate(8 + 6).order(ByteOrder.LITTLE_ENDIAN);
        list.put("LIST".getBytes()).putInt(5).put(new byte[] {1, 2, 3, 4, 5, 0});
        byte[] withList = concat(concat(java.util.Arrays.copyOf(c, 36), list.array()), java.util.Arrays.copyOfRange(c, 36, 44));
        Path extended = dir.resolve("b.wav");
        Files.write(extended, concat(withList, new byte[320]));
        try (FileChannel ch = FileChannel.open(extended, StandardOpenOption.READ)) {
            WavHeader.Info info = WavHeader.read(ch);
            assertThat(info.dataOffset()).isEqualTo(44 + 14);
            assertThat(info.declaredBytes()).isEqualTo(320);
        }
    }

    @Test
    void rejectsFilesThatAreNotPcmWav() throws IOException {
        Path junk = dir.resolve("junk.wav");
        Files.write(junk, "not a wave file at all, but long enough".getBytes());
        try (FileChannel ch = FileChannel.open(junk, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> WavHeader.read(ch)).isInstanceOf(IOException.class).hasMessageContaining("RIFF");
        }
    }

    @Test
    void pcmFormatPositionsAreExactAndDoNotDrift() {
        PcmFormat f = new PcmFormat(48000, 1);
        assertThat(f.framesAt(20)).isEqualTo(960);
        // 10 hours in: still exactly rate × seconds, no accumulated rounding.
        assertThat(f.framesAt(36_000_000L)).isEqualTo(48000L * 36_000);
        assertThat(new PcmFormat(16000, 1).framesAt(1)).isEqualTo(16);
        assertThat(f.framesAt(-1)).isEqualTo(-48);
        assertThat(f.millisOf(960)).isEqualTo(20);
        assertThat(new PcmFormat(16000, 2).bytesPerFrame()).isEqualTo(4);
        assertThatThrownBy(() -> new PcmFormat(16000, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String ascii(ByteBuffer b, int at) {
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) {
            id[i] = b.get(at + i);
        }
        return new String(id);
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
