package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.media.PcmFormat;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gap filling: exact sample counts on the stream's timeline. */
class AudioTrackTest {

    private static final PcmFormat F = new PcmFormat(16000, 1);
    /** 20 ms at 16 kHz mono: 320 frames of a non-zero sample. */
    private static final byte[] PACKET = packet(320);

    @TempDir
    Path dir;

    @Test
    void aTimestampGapBecomesExactlyThatMuchSilence() throws Exception {
        AudioTrack t = track(GapPolicy.DEFAULT);
        t.write(PACKET, F, 0L, 0);
        t.write(PACKET, F, 20L, 0);
        t.write(PACKET, F, 40L, 0);
        // muted from 60 to 1000 ms
        t.write(PACKET, F, 1000L, 0);
        t.writer().close();
        assertThat(t.writer().frames()).isEqualTo(16 * 1000 + 320);
        assertThat(t.gapsFilled()).isEqualTo(1);
        assertThat(t.gapFrames()).isEqualTo(16 * 940);
        short[] s = WavFileWriterTest.readFrames(t.writer().path());
        assertThat(s[959]).isEqualTo((short) 1000);
        assertThat(s[960]).isZero();
        assertThat(s[15999]).isZero();
        assertThat(s[16000]).isEqualTo((short) 1000);
    }

    @Test
    void jitterBelowTheToleranceIsNotSilence() throws Exception {
        AudioTrack t = track(GapPolicy.DEFAULT);
        t.write(PACKET, F, 0L, 0);
        t.write(PACKET, F, 27L, 0);  // 7 ms late: jitter
        t.write(PACKET, F, 38L, 0);  // 2 ms early: appended, never dropped
        t.write(PACKET, F, 60L, 0);
        assertThat(t.gapsFilled()).isZero();
        assertThat(t.writer().frames()).isEqualTo(4 * 320);
    }

    @Test
    void aLostPacketIsFilledSoTheNextLandsOnItsTimestamp() throws Exception {
        AudioTrack t = track(GapPolicy.DEFAULT);
        t.write(PACKET, F, 0L, 0);
        t.write(PACKET, F, 40L, 0); // the packet of 20 ms is missing
        assertThat(t.gapsFilled()).isEqualTo(1);
        assertThat(t.gapFrames()).isEqualTo(320);
        assertThat(t.writer().frames()).isEqualTo(F.framesAt(40) + 320);
    }

    @Test
    void concealedFramesCountAsAudioNotAsAGap() throws Exception {
        AudioTrack t = track(GapPolicy.DEFAULT);
        t.write(PACKET, F, 0L, 0);
        // decoder concealed the missing 20 ms: the chunk holds 320 concealed + 320 real frames
        t.write(packet(640), F, 40L, 320);
        assertThat(t.gapsFilled()).isZero();
        assertThat(t.concealedFrames()).isEqualTo(320);
        assertThat(t.writer().frames()).isEqualTo(F.framesAt(40) + 320);
    }

    @Test
    void aSpeakerWhoStartsLateStartsAtTheStreamOrigin() throws Exception {
        AudioTrack t = track(GapPolicy.DEFAULT);
        t.write(PACKET, F, 2500L, 0);
        assertThat(t.leadingFrames()).isEqualTo(40000);
        assertThat(t.gapsFilled()).isZero();
        assertThat(t.writer().frames()).isEqualTo(40000 + 320);
    }

    @Test
    void gapFillingCanBeTurnedOff() throws Exception {
        AudioTrack t = track(new GapPolicy(false, Duration.ofMillis(10), Duration.ofHours(1)));
        t.write(PACKET, F, 500L, 0);
        t.write(PACKET, F, 1000L, 0);
        assertThat(t.writer().frames()).isEqualTo(640);
        assertThat(t.gapsFilled()).isZero();
    }

    @Test
    void aHugeGapIsFilledOnlyUpToTheMaximum() throws Exception {
        AudioTrack t = track(new GapPolicy(true, Duration.ofMillis(10), Duration.ofSeconds(2)));
        t.write(PACKET, F, 0L, 0);
        t.write(PACKET, F, 3_600_000L, 0);
        assertThat(t.gapFrames()).isEqualTo(F.framesAt(2000));
        assertThat(t.writer().frames()).isEqualTo(320 + F.framesAt(2000) + 320);
    }

    @Test
    void chunksWithoutTimestampOrInAnotherFormatAreHandled() throws Exception {
        AudioTrack t = track(GapPolicy.DEFAULT);
        t.write(PACKET, F, null, 0);
        t.write(PACKET, new PcmFormat(48000, 1), 500L, 0);
        assertThat(t.droppedChunks()).isEqualTo(1);
        assertThat(t.writer().frames()).isEqualTo(320);
    }

    private AudioTrack track(GapPolicy policy) throws Exception {
        WavFileWriter w = WavFileWriter.create(dir.resolve("t.wav"), F, 8192);
        return new AudioTrack(w, "t.wav", null, policy);
    }

    private static byte[] packet(int frames) {
        byte[] b = new byte[frames * 2];
        for (int i = 0; i < frames; i++) {
            b[2 * i] = (byte) 0xE8; // 1000, little-endian
            b[2 * i + 1] = 0x03;
        }
        return b;
    }
}
