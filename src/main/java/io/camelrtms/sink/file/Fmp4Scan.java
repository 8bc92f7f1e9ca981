package io.camelrtms.sink.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * What a fragmented MP4 file holds up to its last complete fragment: read to continue a file after
 * a restart, to cut a torn fragment off after a crash, and to describe the file in the manifest.
 *
 * @param playable     the file starts with a complete {@code ftyp} and {@code moov}
 * @param validEnd     where the last complete box (a fragment counts with its {@code mdat}) ends
 * @param lastSequence the sequence number of the last complete fragment (0: none)
 * @param endTime      where the last complete fragment ends, in the track's timescale
 * @param startTime    where the first fragment starts, in the track's timescale
 * @param samples      frames in the complete fragments
 */
public record Fmp4Scan(boolean playable, long validEnd, long lastSequence, long endTime, long startTime, long samples) {

    private static final int DURATION_PRESENT = 0x100;

    /** Reads the box structure (not the samples). */
    public static Fmp4Scan of(FileChannel ch) throws IOException {
        long size = ch.size();
        long pos = 0;
        boolean ftyp = false;
        boolean moov = false;
        long validEnd = 0;
        long sequence = 0;
        long end = 0;
        long start = -1;
        long samples = 0;
        Fragment moof = null;
        ByteBuffer head = ByteBuffer.allocate(16);
        while (pos + 8 <= size) {
            head.clear().limit(8);
            FileChannels.readFully(ch, head, pos);
            long boxSize = Integer.toUnsignedLong(head.getInt(0));
            String type = new String(head.array(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int headerBytes = 8;
            if (boxSize == 1) {
                if (pos + 16 > size) {
                    break;
                }
                head.clear().limit(8);
                FileChannels.readFully(ch, head, pos + 8);
                boxSize = head.getLong(0);
                headerBytes = 16;
            } else if (boxSize == 0) {
                boxSize = size - pos;
            }
            if (boxSize < headerBytes || pos + boxSize > size) {
                break; // torn
            }
            switch (type) {
                case "ftyp" -> ftyp = pos == 0;
                case "moov" -> moov = ftyp;
                case "moof" -> moof = Fragment.read(ch, pos + headerBytes, boxSize - headerBytes);
                default -> {
                    // free, skip and others
                }
            }
            if (type.equals("mdat") && moof != null) {
                sequence = moof.sequence;
                start = start < 0 ? moof.baseTime : start;
                end = moof.baseTime + moof.duration;
                samples += moof.samples;
                moof = null;
            }
            pos += boxSize;
            if (moof == null) {
                validEnd = pos;
            }
        }
        boolean playable = ftyp && moov;
        return new Fmp4Scan(playable, playable ? validEnd : 0, sequence, end, Math.max(0, start), samples);
    }

    /** What the fragment's {@code mfhd}, {@code tfdt} and {@code trun} say. */
    private record Fragment(long sequence, long baseTime, long duration, long samples) {

        static Fragment read(FileChannel ch, long from, long length) throws IOException {
            if (length > 64L << 20) {
                throw new IOException("moof of " + length + " bytes");
            }
            ByteBuffer b = ByteBuffer.allocate((int) length);
            FileChannels.readFully(ch, b, from);
            long sequence = 0;
            long base = 0;
            long duration = 0;
            long samples = 0;
            // mfhd and traf are children of moof; tfdt and trun children of traf
            int p = 0;
            while (p + 8 <= b.limit()) {
                int size = b.getInt(p);
                String type = type(b, p);
                if (size < 8 || p + size > b.limit()) {
                    break;
                }
                if (type.equals("mfhd")) {
                    sequence = Integer.toUnsignedLong(b.getInt(p + 12));
                } else if (type.equals("traf")) {
                    int q = p + 8;
                    while (q + 8 <= p + size) {
                        int childSize = b.getInt(q);
                        String child = type(b, q);
                        if (childSize < 8) {
                            break;
                        }
                        if (child.equals("tfdt")) {
                            base = b.get(q + 8) == 1 ? b.getLong(q + 12) : Integer.toUnsignedLong(b.getInt(q + 12));
                        } else if (child.equals("trun")) {
                            int flags = b.getInt(q + 8) & 0xFF_FFFF;
                            int count = b.getInt(q + 12);
                            int r = q + 16 + ((flags & 1) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 4 : 0);
                            int perSample = Integer.bitCount(flags & 0xF00) * 4;
                            samples += count;
                            if ((flags & DURATION_PRESENT) != 0) {
                                for (int i = 0; i < count; i++) {
                                    duration += Integer.toUnsignedLong(b.getInt(r + i * perSample));
                                }
                            }
                        }
                        q += childSize;
                    }
                }
                p += size;
            }
            return new Fragment(sequence, base, duration, samples);
        }

        private static String type(ByteBuffer b, int at) {
            return new String(b.array(), at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}
