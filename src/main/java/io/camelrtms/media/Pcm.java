package io.camelrtms.media;

/** Conversions between 16-bit samples and s16le bytes. */
public final class Pcm {

    private Pcm() {
    }

    /** Writes {@code count} samples from {@code samples[offset..]} as s16le bytes. */
    public static byte[] toBytes(short[] samples, int offset, int count) {
        byte[] out = new byte[count * 2];
        for (int i = 0, j = offset; i < count; i++, j++) {
            short s = samples[j];
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    /** Reads s16le bytes into samples; a trailing odd byte is ignored. */
    public static short[] toShorts(byte[] bytes, int offset, int length) {
        short[] out = new short[length / 2];
        for (int i = 0; i < out.length; i++) {
            int lo = bytes[offset + 2 * i] & 0xFF;
            int hi = bytes[offset + 2 * i + 1];
            out[i] = (short) ((hi << 8) | lo);
        }
        return out;
    }

    /** Reads a whole s16le byte array into samples. */
    public static short[] toShorts(byte[] bytes) {
        return toShorts(bytes, 0, bytes.length);
    }
}
