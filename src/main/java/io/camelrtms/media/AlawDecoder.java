package io.camelrtms.media;

import io.camelrtms.protocol.Codec;

/** G.711 A-law (PCMA), one byte per sample, expanded to s16le at the same rate. */
public final class AlawDecoder implements AudioDecoder {

    private final PcmFormat format;

    public AlawDecoder(PcmFormat format) {
        this.format = format;
    }

    @Override
    public Codec codec() {
        return Codec.G711;
    }

    @Override
    public PcmFormat outputFormat() {
        return format;
    }

    @Override
    public byte[] decode(byte[] payload) {
        if (payload.length % format.channels() != 0) {
            throw new AudioDecodeException("G.711 payload of " + payload.length + " bytes is not a whole number of "
                    + format.channels() + "-channel frames");
        }
        return G711.alawToPcm(payload);
    }
}
