package io.camelrtms.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * RIFF/WAVE header maths for 16-bit PCM. We write the canonical 44-byte header (RIFF, {@code fmt }
 * with 16 bytes, {@code data}); {@link #read} also understands headers with extra chunks so a file
 * touched by another tool can still be repaired.
 */
public final class WavHeader {

    /** Size of the header this class writes; PCM data starts right after it. */
    public static final int CANONICAL_SIZE = 44;
    /** Offset of the RIFF chunk size field. */
    public static final int RIFF_SIZE_OFFSET = 4;
    /** Offset of the data chunk size field in the canonical header. */
    public static final int DATA_SIZE_OFFSET = 40;
    /** The largest data length a RIFF header can state (its sizes are unsigned 32-bit). */
    public static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - (CANONICAL_SIZE - 8);

    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    private WavHeader() {
    }

    /** The canonical header for {@code dataBytes} bytes of PCM (clamped to what RIFF can state). */
    public static ByteBuffer canonical(PcmFormat format, long dataBytes) {
        long data = clampDataBytes(format, dataBytes);
        ByteBuffer b = ByteBuffer.allocate(CANONICAL_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) (data + CANONICAL_SIZE - 8)).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16)
                .putShort((short) WAVE_FORMAT_PCM)
                .putShort((short) format.channels())
                .putInt(format.sampleRate())
                .putInt(format.byteRate())
                .putShort((short) format.bytesPerFrame())
                .putShort((short) PcmFormat.BITS_PER_SAMPLE);
        b.put(ascii("data")).putInt((int) data);
        return b.flip();
    }

    /** The RIFF chunk size stated for {@code dataBytes} of data after a canonical header. */
    public static long riffSize(long dataBytes) {
        return dataBytes + CANONICAL_SIZE - 8;
    }

    /** Data length as a header can state it: whole frames, at most {@link #MAX_DATA_BYTES}. */
    public static long clampDataBytes(PcmFormat format, long dataBytes) {
        long capped = Math.min(Math.max(0, dataBytes), MAX_DATA_BYTES);
        return capped - capped % format.bytesPerFrame();
    }

    /** A 4-byte little-endian unsigned value, for patching a size field in place. */
    public static ByteBuffer uint32(long value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).flip();
    }

    /**
     * What a WAV file's header says.
     *
     * @param format         the PCM format
     * @param dataOffset     where the data chunk's bytes begin
     * @param declaredBytes  the data length the header states (may be stale after a crash)
     */
    public record Info(PcmFormat format, long dataOffset, long declaredBytes) {

        /** Offset of the data chunk's size field. */
        public long dataSizeOffset() {
            return dataOffset - 4;
        }
    }

    /**
     * Reads the header of a 16-bit PCM WAV file.
     *
     * @throws IOException when the file is not RIFF/WAVE, or not 16-bit PCM, or has no data chunk
     */
    public static Info read(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, b, 0);
        if (!"RIFF".equals(fourCc(b, 0)) || !"WAVE".equals(fourCc(b, 8))) {
            throw new IOException("not a RIFF/WAVE file");
        }
        long pos = 12;
        PcmFormat format = null;
        long size = channel.size();
        ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (pos + 8 <= size) {
            chunk.clear();
            readFully(channel, chunk, pos);
            String id = fourCc(chunk, 0);
            long length = Integer.toUnsignedLong(chunk.getInt(4));
            if (id.equals("fmt ")) {
                ByteBuffer fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                readFully(channel, fmt, pos + 8);
                int tag = Short.toUnsignedInt(fmt.getShort(0));
                int channels = Short.toUnsignedInt(fmt.getShort(2));
                int rate = fmt.getInt(4);
                int bits = Short.toUnsignedInt(fmt.getShort(14));
                if ((tag != WAVE_FORMAT_PCM && tag != WAVE_FORMAT_EXTENSIBLE) || bits != PcmFormat.BITS_PER_SAMPLE) {
                    throw new IOException("not 16-bit PCM (format tag " + tag + ", " + bits + " bits)");
                }
                try {
                    format = new PcmFormat(rate, channels);
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage());
                }
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new IOException("data chunk before fmt chunk");
                }
                return new Info(format, pos + 8, length);
            }
            pos += 8 + length + (length & 1);
        }
        throw new IOException("no data chunk");
    }

    private static void readFully(FileChannel channel, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int n = channel.read(b, p);
            if (n < 0) {
                throw new IOException("truncated WAV header");
            }
            p += n;
        }
    }

    private static String fourCc(ByteBuffer b, int offset) {
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) {
            id[i] = b.get(offset + i);
        }
        return new String(id, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
