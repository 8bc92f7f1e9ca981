package io.camelrtms.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpusDecoderTest {

    /**
     * Opus is a perceptual codec, so the waveform comes back close, not equal. These two tones at
     * 64 kbit/s per channel come back at about 35 dB (mono and stereo) once the codec's delay is
     * aligned. 20 dB leaves room for encoder tuning while anything actually broken (wrong sample
     * order or byte order, swapped or misaligned channels, a lost or doubled frame) lands near or
     * below 0 dB.
     */
    private static final double SNR_FLOOR_DB = 20;

    @Test
    void decodesOpusBackToTheSourceSignalMono() {
        assertRoundTrip(48000, 1);
    }

    @Test
    void decodesOpusBackToTheSourceSignalStereo() {
        assertRoundTrip(48000, 2);
    }

    @Test
    void decodesToALowerRateWhenAsked() {
        short[] src = TestSignals.tones(48000, 1, 48000);
        List<byte[]> packets = TestSignals.opusPackets(src, 48000, 1, 20);
        OpusDecoder dec = new OpusDecoder(new PcmFormat(16000, 1));
        byte[] pcm = dec.decode(packets.get(0));
        assertThat(pcm).hasSize(320 * 2);
        assertThat(dec.outputFormat()).isEqualTo(new PcmFormat(16000, 1));
    }

    @Test
    void aRateOpusCannotProduceFallsBackTo48k() {
        assertThat(OpusDecoder.opusRate(32000)).isEqualTo(48000);
        assertThat(new OpusDecoder(new PcmFormat(32000, 2)).outputFormat()).isEqualTo(new PcmFormat(48000, 2));
    }

    @Test
    void corruptPacketIsAnErrorAndTheDecoderKeepsWorking() {
        short[] src = TestSignals.tones(48000, 1, 4800);
        List<byte[]> packets = TestSignals.opusPackets(src, 48000, 1, 20);
        OpusDecoder dec = new OpusDecoder(new PcmFormat(48000, 1));
        dec.decode(packets.get(0));
        // TOC byte announcing code 3 (arbitrary frame count) with a frame count of 0: invalid.
        byte[] corrupt = {(byte) 0xFB, 0x00};
        assertThatThrownBy(() -> dec.decode(corrupt)).isInstanceOf(AudioDecodeException.class);
        assertThatThrownBy(() -> dec.decode(new byte[0])).isInstanceOf(AudioDecodeException.class);
        assertThat(dec.decode(packets.get(1))).hasSize(960 * 2);
    }

    @Test
    void concealmentProducesExactlyTheFramesAskedFor() {
        short[] src = TestSignals.tones(48000, 2, 4800);
        List<byte[]> packets = TestSignals.opusPackets(src, 48000, 2, 20);
        OpusDecoder dec = new OpusDecoder(new PcmFormat(48000, 2));
        dec.decode(packets.get(0));
        assertThat(dec.concealmentGranularity()).isEqualTo(120);
        assertThat(dec.conceal(960)).hasSize(960 * 4);
        assertThat(dec.conceal(120)).hasSize(120 * 4);
        assertThatThrownBy(() -> dec.conceal(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dec.conceal(5760 + 120)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRoundTrip(int rate, int channels) {
        int frames = rate; // one second
        short[] src = TestSignals.tones(rate, channels, frames);
        List<byte[]> packets = TestSignals.opusPackets(src, rate, channels, 20);
        assertThat(packets).hasSize(50);
        OpusDecoder dec = new OpusDecoder(new PcmFormat(rate, channels));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : packets) {
            byte[] pcm = dec.decode(p);
            assertThat(pcm).hasSize(960 * channels * 2);
            out.writeBytes(pcm);
        }
        short[] decoded = Pcm.toShorts(out.toByteArray());
        assertThat(decoded).hasSize(src.length);
        // Skip the first 100 ms (encoder start-up), compare 800 ms, allow up to 10 ms of codec delay.
        double snr = TestSignals.snrDb(src, decoded, channels, rate / 10, rate * 8 / 10, rate / 100);
        System.out.printf("Opus %d Hz %d ch round trip: SNR %.1f dB%n", rate, channels, snr);
        assertThat(snr).isGreaterThan(SNR_FLOOR_DB);
    }
}
