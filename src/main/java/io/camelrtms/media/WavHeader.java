package io.camelrtms.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * RIFF/WAVE header maths for 16-bit PCM. The recorder writes {@link #header} (RIFF, a {@code JUNK}
 * chunk reserving room for a {@code ds64} chunk, {@code fmt } with 16 bytes, {@code data}): a file
 * stays plain WAV while its sizes fit the RIFF header's 32 bits, and {@link #updateSizes} turns it
 * into RF64 in place (EBU Tech 3306: {@code RF64} in place of {@code RIFF}, the reservation
 * becomes {@code ds64} holding the 64-bit sizes, the 32-bit fields say {@code 0xFFFFFFFF}) once it
 * passes 4 GiB, so a recording of any length stays playable. {@link #canonical} is the classic
 * 44-byte header without the reservation. {@link #read} understands both forms, and headers with
 * extra chunks, so a file touched by another tool can still be repaired.
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
    /** Size of the header the recorder writes ({@link #header}); PCM data starts right after it. */
    public static final int HEADER_SIZE = 80;
    /** Offset of the {@code JUNK}/{@code ds64} chunk in {@link #header}. */
    public static final int DS64_OFFSET = 12;
    /** A ds64 chunk without a table: RIFF size, data size, sample count (64 bits each), table length. */
    private static final int DS64_BODY = 28;
    /** What a 32-bit size field of an RF64 file says: look in ds64. */
    private static final long SIZE_IN_DS64 = 0xFFFF_FFFFL;

    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    private WavHeader() {
    }

    /** The canonical header for {@code dataBytes} bytes of PCM (clamped to what RIFF can state). */
    public static ByteBuffer canonical(PcmFormat format, long dataBytes) {
        long data = clampDataBytes(format, dataBytes);
        ByteBuffer b = ByteBuffer.allocate(CANONICAL_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) (data + CANONICAL_SIZE - 8)).put(ascii("WAVE"));
        putFmt(b, format);
        b.put(ascii("data")).putInt((int) data);
        return b.flip();
    }

    /**
     * The recorder's header for {@code dataBytes} bytes of PCM: RIFF with a {@code JUNK} chunk
     * reserving the room of a {@code ds64} chunk, or RF64 when the sizes need 64 bits.
     */
    public static ByteBuffer header(PcmFormat format, long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(0).put(ascii("WAVE"));
        b.put(ascii("JUNK")).putInt(DS64_BODY).put(new byte[DS64_BODY]);
        putFmt(b, format);
        b.put(ascii("data")).putInt(0);
        sizes(b, new Info(format, HEADER_SIZE, 0, DS64_OFFSET), dataBytes);
        return b.flip();
    }

    /**
     * Brings a file's header up to {@code dataBytes} of PCM (whole frames are stated): RIFF while the
     * sizes fit 32 bits, RF64 beyond when the file has a {@code JUNK}/{@code ds64} reservation; a file
     * without one is clamped to what RIFF can state.
     *
     * @return the data length the header now states
     */
    public static long updateSizes(FileChannel channel, Info info, long dataBytes) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) info.dataOffset()).order(ByteOrder.LITTLE_ENDIAN);
        long stated = sizes(head, info, dataBytes);
        if (info.ds64Offset() >= 0) {
            // the RIFF id changes with the form; the reservation becomes ds64 or JUNK again
            writeFully(channel, head.limit(8).position(0), 0);
            int ds64 = (int) info.ds64Offset();
            writeFully(channel, head.limit(ds64 + 8 + DS64_BODY).position(ds64), ds64);
        } else {
            writeFully(channel, head.limit(8).position(RIFF_SIZE_OFFSET), RIFF_SIZE_OFFSET);
        }
        writeFully(channel, head.limit((int) info.dataOffset()).position((int) info.dataSizeOffset()), info.dataSizeOffset());
        return stated;
    }

    /** Puts the size fields for {@code dataBytes} into a header image laid out as {@code info} says. */
    private static long sizes(ByteBuffer b, Info info, long dataBytes) {
        long data = Math.max(0, dataBytes) - Math.max(0, dataBytes) % info.format().bytesPerFrame();
        long riff = info.dataOffset() - 8 + data;
        int dataSize = (int) info.dataSizeOffset();
        if (riff <= 0xFFFF_FFFFL || info.ds64Offset() < 0) {
            data = Math.min(data, 0xFFFF_FFFFL - (info.dataOffset() - 8));
            data -= data % info.format().bytesPerFrame();
            b.put(0, ascii("RIFF")).putInt(RIFF_SIZE_OFFSET, (int) (info.dataOffset() - 8 + data));
            if (info.ds64Offset() >= 0) {
                b.put((int) info.ds64Offset(), ascii("JUNK"));
                b.putInt((int) info.ds64Offset() + 4, DS64_BODY);
                b.put((int) info.ds64Offset() + 8, new byte[DS64_BODY]);
            }
            b.putInt(dataSize, (int) data);
            return data;
        }
        int ds64 = (int) info.ds64Offset();
        b.put(0, ascii("RF64")).putInt(RIFF_SIZE_OFFSET, (int) SIZE_IN_DS64);
        b.put(ds64, ascii("ds64")).putInt(ds64 + 4, DS64_BODY)
                .putLong(ds64 + 8, riff)
                .putLong(ds64 + 16, data)
                .putLong(ds64 + 24, data / info.format().bytesPerFrame())
                .putInt(ds64 + 32, 0);
        b.putInt(dataSize, (int) SIZE_IN_DS64);
        return data;
    }

    /** The {@code fmt } chunk of 16-bit PCM. */
    private static void putFmt(ByteBuffer b, PcmFormat format) {
        b.put(ascii("fmt ")).putInt(16)
                .putShort((short) WAVE_FORMAT_PCM)
                .putShort((short) format.channels())
                .putInt(format.sampleRate())
                .putInt(format.byteRate())
                .putShort((short) format.bytesPerFrame())
                .putShort((short) PcmFormat.BITS_PER_SAMPLE);
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
     * @param ds64Offset     where the {@code ds64} chunk (RF64) or the {@code JUNK} chunk reserving
     *                       its room begins, or -1 when there is neither: the file cannot grow past 4 GiB
     */
    public record Info(PcmFormat format, long dataOffset, long declaredBytes, long ds64Offset) {

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
        String riffId = fourCc(b, 0);
        boolean rf64 = "RF64".equals(riffId);
        if (!("RIFF".equals(riffId) || rf64) || !"WAVE".equals(fourCc(b, 8))) {
            throw new IOException("not a RIFF/WAVE file");
        }
        long pos = 12;
        PcmFormat format = null;
        long ds64Offset = -1;
        long ds64DataBytes = -1;
        long size = channel.size();
        ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (pos + 8 <= size) {
            chunk.clear();
            readFully(channel, chunk, pos);
            String id = fourCc(chunk, 0);
            long length = Integer.toUnsignedLong(chunk.getInt(4));
            if (pos == DS64_OFFSET && (id.equals("ds64") || (id.equals("JUNK") && length == DS64_BODY))) {
                ds64Offset = pos;
                if (id.equals("ds64")) {
                    ByteBuffer ds64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                    readFully(channel, ds64, pos + 8);
                    ds64DataBytes = ds64.getLong(8);
                }
            } else if (id.equals("fmt ")) {
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
                if (rf64 && ds64DataBytes < 0) {
                    throw new IOException("RF64 file without a ds64 chunk");
                }
                long declared = rf64 && length == SIZE_IN_DS64 ? ds64DataBytes : length;
                return new Info(format, pos + 8, declared, ds64Offset);
            }
            pos += 8 + length + (length & 1);
        }
        throw new IOException("no data chunk");
    }

    private static void writeFully(FileChannel channel, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            p += channel.write(b, p);
        }
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
