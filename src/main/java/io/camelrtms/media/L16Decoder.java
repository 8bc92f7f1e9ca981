package io.camelrtms.media;

import io.camelrtms.protocol.Codec;

/** L16 is already s16le PCM: passed through, after checking it holds whole frames. */
public final class L16Decoder implements AudioDecoder {

    private final PcmFormat format;

    public L16Decoder(PcmFormat format) {
        this.format = format;
    }

    @Override
    public Codec codec() {
        return Codec.L16;
    }

    @Override
    public PcmFormat outputFormat() {
        return format;
    }

    @Override
    public byte[] decode(byte[] payload) {
        if (payload.length % format.bytesPerFrame() != 0) {
            throw new AudioDecodeException("L16 payload of " + payload.length + " bytes is not a whole number of "
                    + format.bytesPerFrame() + "-byte frames");
        }
        return payload;
    }
}
