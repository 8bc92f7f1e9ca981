package io.camelrtms.sink.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * One Ogg page (RFC 3533): a 27-byte header, the lacing values of its packets, the packets. Builds
 * pages and reads back the headers of the pages in a file.
 *
 * <p>Why our own: Ogg framing is these few lines; the Ogg library on Maven Central
 * (org.gagravarr:vorbis-java-core) was last released in 2016, and java.util.zip.CRC32 is the
 * reflected CRC, not Ogg's (polynomial 0x04C11DB7, unreflected, no final XOR).
 */
final class OggPage {

    static final int HEADER_BYTES = 27;
    static final int CONTINUED = 0x01;
    static final int BEGINNING_OF_STREAM = 0x02;
    static final int END_OF_STREAM = 0x04;
    /** Offset of the header type in a page. */
    static final int TYPE_OFFSET = 5;
    /** Offset of the CRC in a page. */
    static final int CRC_OFFSET = 22;
    /** The most lacing values one page holds. */
    static final int MAX_SEGMENTS = 255;

    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int k = 0; k < 8; k++) {
                r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1;
            }
            CRC_TABLE[i] = r;
        }
    }

    private OggPage() {
    }

    /** Lacing values a packet of {@code length} bytes takes: a 255 for every full 255 bytes, then the rest (maybe 0). */
    static int segments(int length) {
        return length / 255 + 1;
    }

    /**
     * A page holding whole packets.
     *
     * @param type     {@link #BEGINNING_OF_STREAM}, {@link #END_OF_STREAM} or 0
     * @param granule  the granule position after the last packet of the page
     */
    static ByteBuffer build(int type, long granule, int serial, long sequence, List<byte[]> packets) {
        int segments = 0;
        int body = 0;
        for (byte[] p : packets) {
            segments += segments(p.length);
            body += p.length;
        }
        if (segments > MAX_SEGMENTS) {
            throw new IllegalArgumentException(segments + " lacing values do not fit one page");
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + segments + body).order(ByteOrder.LITTLE_ENDIAN);
        b.put("OggS".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 0).put((byte) type)
                .putLong(granule).putInt(serial).putInt((int) sequence).putInt(0).put((byte) segments);
        for (byte[] p : packets) {
            for (int n = p.length; n >= 0; n -= 255) {
                b.put((byte) Math.min(n, 255));
                if (n < 255) {
                    break;
                }
            }
        }
        for (byte[] p : packets) {
            b.put(p);
        }
        b.putInt(CRC_OFFSET, crc(b.array(), 0, b.capacity()));
        return b.flip();
    }

    static int crc(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /**
     * The header of the page at {@code position}, or {@code null} when no complete page with a
     * valid checksum starts there.
     */
    static Header read(FileChannel ch, long position) throws IOException {
        long size = ch.size();
        if (position + HEADER_BYTES > size) {
            return null;
        }
        ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES + MAX_SEGMENTS).order(ByteOrder.LITTLE_ENDIAN);
        head.limit(HEADER_BYTES);
        FileChannels.readFully(ch, head, position);
        if (head.get(0) != 'O' || head.get(1) != 'g' || head.get(2) != 'g' || head.get(3) != 'S') {
            return null;
        }
        int segments = head.get(26) & 0xFF;
        if (position + HEADER_BYTES + segments > size) {
            return null;
        }
        head.limit(HEADER_BYTES + segments);
        FileChannels.readFully(ch, head, position);
        int body = 0;
        for (int i = 0; i < segments; i++) {
            body += head.get(HEADER_BYTES + i) & 0xFF;
        }
        int length = HEADER_BYTES + segments + body;
        if (position + length > size) {
            return null;
        }
        ByteBuffer page = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        FileChannels.readFully(ch, page, position);
        int stated = page.getInt(CRC_OFFSET);
        page.putInt(CRC_OFFSET, 0);
        if (crc(page.array(), 0, length) != stated) {
            return null;
        }
        page.putInt(CRC_OFFSET, stated);
        return new Header(position, length, page.get(TYPE_OFFSET) & 0xFF, page.getLong(6), page.getInt(14),
                Integer.toUnsignedLong(page.getInt(18)), page.array());
    }

    /** Rewrites the header type of a page in the file (setting or clearing end of stream) with its checksum. */
    static void retype(FileChannel ch, Header page, int type) throws IOException {
        byte[] bytes = page.bytes().clone();
        bytes[TYPE_OFFSET] = (byte) type;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(CRC_OFFSET, 0);
        b.putInt(CRC_OFFSET, crc(bytes, 0, bytes.length));
        FileChannels.writeFully(ch, ByteBuffer.wrap(bytes, 0, HEADER_BYTES), page.position());
    }

    /**
     * A page found in a file.
     *
     * @param bytes the whole page
     */
    record Header(long position, int length, int type, long granule, int serial, long sequence, byte[] bytes) {

        long end() {
            return position + length;
        }

        /** The first packet of the page (header pages hold one packet each). */
        byte[] firstPacket() {
            int segments = bytes[26] & 0xFF;
            int n = 0;
            for (int i = 0; i < segments; i++) {
                int lace = bytes[HEADER_BYTES + i] & 0xFF;
                n += lace;
                if (lace < 255) {
                    break;
                }
            }
            byte[] p = new byte[n];
            System.arraycopy(bytes, HEADER_BYTES + segments, p, 0, n);
            return p;
        }
    }
}
