package io.camelrtms.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

    /**
     * Decoder output values of ITU-T G.711 Table 1a (A-law), on the 13-bit scale, for the first
     * and last code of some segments; on the 16-bit scale they are 8 times larger. Codes are the
     * line characters (even bits inverted), bit 7 set for positive values.
     */
    @Test
    void matchesTheItuTable() {
        // segment 1 (character 0x80 positive, after inversion 0xD5): output 1 → 8
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawToLinear((byte) 0x55)).isEqualTo((short) -8);
        // segment 1, last step (0x8F → 0xDA): 31
        assertThat(G711.alawToLinear((byte) 0xDA)).isEqualTo((short) (31 * 8));
        // segment 2, first step (0x90 → 0xC5): 33
        assertThat(G711.alawToLinear((byte) 0xC5)).isEqualTo((short) (33 * 8));
        // segment 3, first step (0xA0 → 0xF5): 66
        assertThat(G711.alawToLinear((byte) 0xF5)).isEqualTo((short) (66 * 8));
        // segment 8, first step (0xF0 → 0xA5): 2112
        assertThat(G711.alawToLinear((byte) 0xA5)).isEqualTo((short) (2112 * 8));
        // segment 8, last step (0xFF → 0xAA): 4032, the largest magnitude
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo((short) (4032 * 8));
        assertThat(G711.alawToLinear((byte) 0x2A)).isEqualTo((short) (-4032 * 8));
    }

    @Test
    void theTableIsSymmetricAndMonotonic() {
        int previous = 0;
        for (int character = 0x80; character <= 0xFF; character++) {
            short positive = G711.alawToLinear((byte) (character ^ 0x55));
            short negative = G711.alawToLinear((byte) ((character & 0x7F) ^ 0x55));
            assertThat(positive).isPositive();
            assertThat(negative).isEqualTo((short) -positive);
            assertThat((int) positive).isGreaterThan(previous);
            previous = positive;
        }
    }

    @Test
    void expandsBytesToLittleEndianPcm() {
        byte[] pcm = G711.alawToPcm(new byte[] {(byte) 0xAA, (byte) 0x55});
        assertThat(Pcm.toShorts(pcm)).containsExactly((short) 32256, (short) -8);
    }

    @Test
    void alawDecoderChecksWholeFrames() {
        AlawDecoder stereo = new AlawDecoder(new PcmFormat(8000, 2));
        assertThat(stereo.decode(new byte[] {(byte) 0xD5, (byte) 0x55})).hasSize(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stereo.decode(new byte[3]))
                .isInstanceOf(AudioDecodeException.class);
    }
}
