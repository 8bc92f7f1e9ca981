package io.camelrtms.sink.file;


/**
 * What the table-of-contents byte of an Opus packet says (RFC 6716, 3.1), and the packets that
 * stand in for lost audio.
 */
final class OpusPackets {

    /** Samples per frame at 48 kHz for each of the 32 configurations. */
    private static final int[] FRAME_SAMPLES = {
        480, 960, 1920, 2880, 480, 960, 1920, 2880, 480, 960, 1920, 2880, // SILK NB, MB, WB
        480, 960, 480, 960, // hybrid SWB, FB
        120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960, // CELT
    };
    /** CELT fullband, the configuration of 2.5, 5, 10 and 20 ms lost-packet markers: 28 to 31. */
    private static final int CELT_FB_2_5_MS = 28;
    /** The longest a packet may last: 120 ms. */
    static final int MAX_PACKET_SAMPLES = 5760;

    private OpusPackets() {
    }

    /** The packet's duration in 48 kHz samples, or -1 when the packet is malformed. */
    static int samples(byte[] packet) {
        if (packet.length == 0) {
            return -1;
        }
        int toc = packet[0] & 0xFF;
        int frame = FRAME_SAMPLES[toc >>> 3];
        int frames = switch (toc & 3) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> packet.length < 2 ? -1 : packet[1] & 0x3F;
        };
        int total = frames * frame;
        return frames <= 0 || total > MAX_PACKET_SAMPLES ? -1 : total;
    }

    /** Samples per frame at 48 kHz of the configuration in a TOC byte. */
    static int frameSamples(int toc) {
        return FRAME_SAMPLES[(toc & 0xFF) >>> 3];
    }

    /**
     * A lost-packet marker in the configuration of an earlier packet (its mode, audio bandwidth,
     * channels and frame size: what RFC 7845, 4.1, advises so the decoder conceals as it would have):
     * the TOC byte with code 0 and no frame data. It lasts {@link #frameSamples} of that TOC.
     */
    static byte[] lostLike(int toc) {
        return new byte[] {(byte) (toc & 0xFC)};
    }

    /**
     * A packet of one zero-length frame (just the TOC byte, code 0): the decoder treats it as lost
     * and conceals it, as RFC 7845 (4.1) suggests for filling a gap in a real-time stream. It lasts
     * 20, 10, 5 or 2.5 ms: {@code samples} must be 960, 480, 240 or 120.
     */
    static byte[] lost(int samples, int channels) {
        int config = switch (samples) {
            case 120 -> CELT_FB_2_5_MS;
            case 240 -> CELT_FB_2_5_MS + 1;
            case 480 -> CELT_FB_2_5_MS + 2;
            case 960 -> CELT_FB_2_5_MS + 3;
            default -> throw new IllegalArgumentException(samples + " samples is not a CELT frame size");
        };
        return new byte[] {(byte) (config << 3 | (channels > 1 ? 4 : 0))};
    }
}
