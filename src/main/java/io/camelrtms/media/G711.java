package io.camelrtms.media;

/**
 * ITU-T G.711 A-law expansion to 16-bit linear PCM. A 256-entry table is computed once from the
 * standard's segment rule; no library on our classpath does this and the rule is a few lines.
 */
public final class G711 {

    private static final short[] ALAW_TO_LINEAR = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ALAW_TO_LINEAR[i] = (short) expandAlaw(i);
        }
    }

    private G711() {
    }

    /** The linear value of one A-law code, on the 16-bit scale (the 13-bit value times 8). */
    public static short alawToLinear(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    /** Expands A-law bytes into s16le PCM, one sample per byte. */
    public static byte[] alawToPcm(byte[] alaw) {
        byte[] out = new byte[alaw.length * 2];
        for (int i = 0; i < alaw.length; i++) {
            short s = ALAW_TO_LINEAR[alaw[i] & 0xFF];
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    // G.711 §A: even bits are inverted on the line; bits 6..4 select the segment, 3..0 the step
    // inside it, bit 7 set means positive. Reconstruction is the middle of the decision interval.
    private static int expandAlaw(int code) {
        int v = code ^ 0x55;
        int mantissa = v & 0x0F;
        int segment = (v & 0x70) >> 4;
        int magnitude = (mantissa << 4) + 8;
        if (segment > 0) {
            magnitude = (magnitude + 0x100) << (segment - 1);
        }
        return (v & 0x80) != 0 ? magnitude : -magnitude;
    }
}
