package io.camelrtms.media;

import io.camelrtms.protocol.Codec;
import java.util.EnumSet;
import java.util.Set;

/** Which audio codecs can be decoded, and the factory of their decoders. */
public final class AudioDecoders {

    private static final Set<Codec> SUPPORTED = EnumSet.of(Codec.L16, Codec.G711, Codec.OPUS);

    private AudioDecoders() {
    }

    public static boolean isSupported(Codec codec) {
        return codec != null && SUPPORTED.contains(codec);
    }

    /**
     * Fails fast on a codec the pipeline cannot turn into PCM. Call it when the audio codec is
     * configured, so a wrong choice stops the application at start rather than losing audio later.
     *
     * @throws IllegalArgumentException naming the codec and the supported ones
     */
    public static Codec requireSupported(Codec codec) {
        if (!isSupported(codec)) {
            throw new IllegalArgumentException("Unsupported RTMS audio codec " + codec
                    + ": recordings can be made from L16, G711 (A-law) or OPUS audio; configure one of those");
        }
        return codec;
    }

    /**
     * A new decoder for one audio source.
     *
     * @param format the negotiated sample rate and channel count (for Opus, the rate to decode to)
     * @throws IllegalArgumentException for an unsupported codec
     */
    public static AudioDecoder create(Codec codec, PcmFormat format) {
        requireSupported(codec);
        return switch (codec) {
            case L16 -> new L16Decoder(format);
            case G711 -> new AlawDecoder(format);
            case OPUS -> new OpusDecoder(format);
            default -> throw new IllegalStateException("unreachable: " + codec);
        };
    }
}
