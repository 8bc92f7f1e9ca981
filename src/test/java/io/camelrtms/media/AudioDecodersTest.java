package io.camelrtms.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelrtms.protocol.Codec;
import org.junit.jupiter.api.Test;

class AudioDecodersTest {

    @Test
    void supportsL16G711AndOpusOnly() {
        assertThat(AudioDecoders.requireSupported(Codec.L16)).isEqualTo(Codec.L16);
        assertThat(AudioDecoders.requireSupported(Codec.G711)).isEqualTo(Codec.G711);
        assertThat(AudioDecoders.requireSupported(Codec.OPUS)).isEqualTo(Codec.OPUS);
        assertThatThrownBy(() -> AudioDecoders.requireSupported(Codec.G722))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("G722").hasMessageContaining("L16, G711 (A-law) or OPUS");
        assertThatThrownBy(() -> AudioDecoders.requireSupported(Codec.JPG)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AudioDecoders.requireSupported(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createsTheDecoderOfEachCodec() {
        PcmFormat f = new PcmFormat(16000, 1);
        assertThat(AudioDecoders.create(Codec.L16, f)).isInstanceOf(L16Decoder.class);
        assertThat(AudioDecoders.create(Codec.G711, new PcmFormat(8000, 1))).isInstanceOf(AlawDecoder.class);
        assertThat(AudioDecoders.create(Codec.OPUS, new PcmFormat(48000, 2))).isInstanceOf(OpusDecoder.class);
        assertThatThrownBy(() -> AudioDecoders.create(Codec.G722, f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void l16IsPassedThroughUntouched() {
        L16Decoder d = new L16Decoder(new PcmFormat(16000, 2));
        byte[] pcm = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(d.decode(pcm)).isSameAs(pcm);
        assertThat(d.concealmentGranularity()).isZero();
        assertThatThrownBy(() -> d.decode(new byte[6])).isInstanceOf(AudioDecodeException.class);
        assertThatThrownBy(() -> d.conceal(10)).isInstanceOf(UnsupportedOperationException.class);
    }
}
