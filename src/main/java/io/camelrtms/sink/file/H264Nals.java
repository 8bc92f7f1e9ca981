package io.camelrtms.sink.file;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an H.264 Annex-B access unit into its NAL units and reads the picture size from a
 * sequence parameter set (ITU-T H.264 7.3.2.1.1), what an MP4 sample entry states.
 */
final class H264Nals {

    static final int IDR = 5;
    static final int SPS = 7;
    static final int PPS = 8;

    private H264Nals() {
    }

    /** The NAL units of an Annex-B chunk, without their start codes; a chunk without a start code is one NAL unit. */
    static List<byte[]> split(byte[] annexB) {
        List<byte[]> nals = new ArrayList<>();
        int start = -1;
        int i = 0;
        int n = annexB.length;
        while (i + 2 < n) {
            if (annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1) {
                if (start >= 0) {
                    add(nals, annexB, start, i);
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start < 0) {
            if (n > 0) {
                nals.add(annexB.clone());
            }
        } else {
            add(nals, annexB, start, n);
        }
        return nals;
    }

    private static void add(List<byte[]> nals, byte[] b, int from, int to) {
        int end = to;
        while (end > from && b[end - 1] == 0) {
            end--; // the leading zero of a 4-byte start code, or trailing zero bytes
        }
        if (end > from) {
            byte[] nal = new byte[end - from];
            System.arraycopy(b, from, nal, 0, nal.length);
            nals.add(nal);
        }
    }

    static int type(byte[] nal) {
        return nal[0] & 0x1F;
    }

    /** Width and height in pixels, or {0, 0} when the SPS cannot be read (the decoder reads it in-band anyway). */
    static int[] pictureSize(byte[] sps) {
        try {
            Bits r = new Bits(unescape(sps));
            r.skip(8);
            int profile = r.u(8);
            r.skip(16); // constraint flags, level
            r.ue(); // seq_parameter_set_id
            int chroma = 1;
            if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44
                    || profile == 83 || profile == 86 || profile == 118 || profile == 128 || profile == 138
                    || profile == 139 || profile == 134 || profile == 135) {
                chroma = r.ue();
                if (chroma == 3) {
                    r.skip(1);
                }
                r.ue();
                r.ue();
                r.skip(1);
                if (r.u(1) == 1) {
                    for (int i = 0; i < (chroma != 3 ? 8 : 12); i++) {
                        if (r.u(1) == 1) {
                            skipScalingList(r, i < 6 ? 16 : 64);
                        }
                    }
                }
            }
            r.ue(); // log2_max_frame_num_minus4
            int pocType = r.ue();
            if (pocType == 0) {
                r.ue();
            } else if (pocType == 1) {
                r.skip(1);
                r.se();
                r.se();
                int cycle = r.ue();
                for (int i = 0; i < cycle; i++) {
                    r.se();
                }
            }
            r.ue(); // max_num_ref_frames
            r.skip(1);
            int widthMbs = r.ue() + 1;
            int heightUnits = r.ue() + 1;
            int frameMbsOnly = r.u(1);
            if (frameMbsOnly == 0) {
                r.skip(1);
            }
            r.skip(1);
            int cropX = 0;
            int cropY = 0;
            if (r.u(1) == 1) {
                int left = r.ue();
                int right = r.ue();
                int top = r.ue();
                int bottom = r.ue();
                int unitX = chroma == 1 || chroma == 2 ? 2 : 1;
                int unitY = (chroma == 1 ? 2 : 1) * (2 - frameMbsOnly);
                cropX = (left + right) * unitX;
                cropY = (top + bottom) * unitY;
            }
            int width = widthMbs * 16 - cropX;
            int height = (2 - frameMbsOnly) * heightUnits * 16 - cropY;
            return width > 0 && height > 0 && width < 65536 && height < 65536 ? new int[] {width, height} : new int[] {0, 0};
        } catch (IndexOutOfBoundsException e) {
            return new int[] {0, 0};
        }
    }

    private static void skipScalingList(Bits r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + r.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    /** Removes emulation prevention bytes (00 00 03 → 00 00). */
    private static byte[] unescape(byte[] nal) {
        byte[] out = new byte[nal.length];
        int n = 0;
        int zeros = 0;
        for (byte b : nal) {
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out[n++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** An exp-Golomb bit reader. */
    private static final class Bits {
        private final byte[] b;
        private int bit;

        Bits(byte[] b) {
            this.b = b;
        }

        int u(int n) {
            int v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 1) | ((b[bit >>> 3] >>> (7 - (bit & 7))) & 1);
                bit++;
            }
            return v;
        }

        void skip(int n) {
            u(n);
        }

        int ue() {
            int zeros = 0;
            while (u(1) == 0) {
                if (++zeros > 31) {
                    throw new IndexOutOfBoundsException("bad exp-Golomb code");
                }
            }
            return zeros == 0 ? 0 : (1 << zeros) - 1 + u(zeros);
        }

        int se() {
            int k = ue();
            return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        }
    }
}
