package io.camelrtms.media;

import io.camelrtms.protocol.Codec;

/**
 * Turns payloads of one audio source (one stream and speaker) into s16le PCM. An instance may hold
 * state between packets (Opus does), so it is fed one source's packets, in order, from one thread
 * at a time.
 */
public interface AudioDecoder {

    /** The codec this decoder reads. */
    Codec codec();

    /** The format of the PCM it produces. */
    PcmFormat outputFormat();

    /**
     * Decodes one payload.
     *
     * @return s16le PCM holding whole frames in {@link #outputFormat()}; may be the input array
     *         itself when no conversion is needed
     * @throws AudioDecodeException when the payload is corrupt; the decoder stays usable
     */
    byte[] decode(byte[] payload);

    /**
     * The smallest number of frames {@link #conceal(int)} accepts and of which every request must
     * be a multiple, or 0 if this codec cannot conceal lost packets.
     */
    default int concealmentGranularity() {
        return 0;
    }

    /**
     * Synthesises PCM standing in for lost packets (packet-loss concealment), continuing the audio
     * from the decoder's state.
     *
     * @param frames a positive multiple of {@link #concealmentGranularity()}
     * @return s16le PCM of exactly {@code frames} frames
     * @throws UnsupportedOperationException when the codec cannot conceal
     */
    default byte[] conceal(int frames) {
        throw new UnsupportedOperationException(codec() + " has no packet-loss concealment");
    }
}
