package io.camelrtms.sink;

import io.camelrtms.media.PcmFormat;
import io.camelrtms.media.WavHeader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a 16-bit PCM WAV file incrementally. PCM goes through a small buffer to the file; the
 * buffer is emptied and the RIFF header brought up to date by {@link #flush()}, which the recorder
 * calls on a schedule (every second by default) and on close. No call forces data to disk: plain
 * writes sit in the operating system's page cache and survive the process being killed, so a
 * {@code kill -9} leaves a playable file holding everything flushed, and the recovery pass can
 * extend the header to every whole frame written.
 *
 * <p>Thread-safety: every method is synchronized. One stream thread writes; the flush scheduler
 * calls {@link #flush()}; the lock is uncontended on the hot path.
 */
public final class WavFileWriter implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(WavFileWriter.class);
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024).asReadOnlyBuffer();

    private final Path path;
    private final PcmFormat format;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final long dataOffset;
    private final long dataSizeOffset;
    /** PCM bytes accepted so far, buffered or not. */
    private long dataBytes;
    /** PCM bytes the header states. */
    private long headerBytes;
    private boolean closed;
    private boolean oversizeLogged;

    private WavFileWriter(Path path, PcmFormat format, FileChannel channel, int bufferBytes,
                          long dataOffset, long dataBytes, long headerBytes) {
        this.path = path;
        this.format = format;
        this.channel = channel;
        int size = Math.max(format.bytesPerFrame(), bufferBytes - bufferBytes % format.bytesPerFrame());
        this.buffer = ByteBuffer.allocate(size);
        this.dataOffset = dataOffset;
        this.dataSizeOffset = dataOffset - 4;
        this.dataBytes = dataBytes;
        this.headerBytes = headerBytes;
    }

    /** Creates (or replaces) a WAV file and writes its header at once, so the file is valid from its first byte. */
    public static WavFileWriter create(Path path, PcmFormat format, int bufferBytes) throws IOException {
        FileChannel ch = RecordingFiles.channel(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = WavHeader.canonical(format, 0);
            while (header.hasRemaining()) {
                ch.write(header);
            }
            return new WavFileWriter(path, format, ch, bufferBytes, WavHeader.CANONICAL_SIZE, 0, 0);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Continues an existing WAV file of the same format (a stream recorded before a restart), after
     * dropping any partial trailing frame; creates the file when it is missing, empty, unreadable or
     * in another format (the old one is then replaced, and the loss logged).
     */
    public static WavFileWriter append(Path path, PcmFormat format, int bufferBytes) throws IOException {
        if (!Files.isRegularFile(path) || Files.size(path) <= WavHeader.CANONICAL_SIZE) {
            return create(path, format, bufferBytes);
        }
        FileChannel ch = RecordingFiles.channel(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            WavHeader.Info info = WavHeader.read(ch);
            if (!info.format().equals(format)) {
                ch.close();
                LOG.warn("Replacing {}: it holds {} but the stream now sends {}", path.getFileName(), info.format(), format);
                return create(path, format, bufferBytes);
            }
            long whole = WavHeader.clampDataBytes(format, ch.size() - info.dataOffset());
            ch.truncate(info.dataOffset() + whole);
            ch.position(info.dataOffset() + whole);
            WavFileWriter w = new WavFileWriter(path, format, ch, bufferBytes, info.dataOffset(), whole, -1);
            w.flush();
            return w;
        } catch (IOException e) {
            ch.close();
            LOG.warn("Replacing unreadable {}: {}", path.getFileName(), e.getMessage());
            return create(path, format, bufferBytes);
        }
    }

    public Path path() {
        return path;
    }

    public PcmFormat format() {
        return format;
    }

    /** Frames written so far (buffered or not). */
    public synchronized long frames() {
        return dataBytes / format.bytesPerFrame();
    }

    /** Bytes of the file once flushed: header plus data. */
    public synchronized long fileBytes() {
        return dataOffset + dataBytes;
    }

    /**
     * Appends s16le PCM.
     *
     * @param length a whole number of frames
     */
    public synchronized void write(byte[] pcm, int offset, int length) throws IOException {
        ensureOpen();
        if (length % format.bytesPerFrame() != 0) {
            throw new IllegalArgumentException(length + " bytes are not whole " + format + " frames");
        }
        if (length > buffer.remaining()) {
            drain();
        }
        if (length >= buffer.capacity()) {
            writeFully(ByteBuffer.wrap(pcm, offset, length));
        } else {
            buffer.put(pcm, offset, length);
        }
        dataBytes += length;
    }

    public void write(byte[] pcm) throws IOException {
        write(pcm, 0, pcm.length);
    }

    /** Appends {@code frames} frames of digital silence. */
    public synchronized void writeSilence(long frames) throws IOException {
        ensureOpen();
        long bytes = frames * format.bytesPerFrame();
        long left = bytes;
        while (left > 0 && buffer.hasRemaining()) {
            int n = (int) Math.min(left, buffer.remaining());
            buffer.put(ZEROS.duplicate().limit(Math.min(n, ZEROS.capacity())));
            left -= Math.min(n, ZEROS.capacity());
        }
        if (left > 0) {
            drain();
            while (left > 0) {
                ByteBuffer z = ZEROS.duplicate();
                z.limit((int) Math.min(left, z.capacity()));
                left -= z.remaining();
                writeFully(z);
            }
        }
        dataBytes += bytes;
    }

    /**
     * Hands buffered PCM to the operating system and brings the header's sizes up to date. Cheap
     * when nothing changed.
     */
    public synchronized void flush() throws IOException {
        if (closed) {
            return;
        }
        drain();
        long stated = WavHeader.clampDataBytes(format, dataBytes);
        if (stated != headerBytes) {
            if (stated < dataBytes && !oversizeLogged) {
                oversizeLogged = true;
                LOG.warn("{} passed the 4 GiB a WAV header can describe; players will stop at {} bytes",
                        path.getFileName(), stated);
            }
            channel.write(WavHeader.uint32(stated + dataOffset - 8), WavHeader.RIFF_SIZE_OFFSET);
            channel.write(WavHeader.uint32(stated), dataSizeOffset);
            headerBytes = stated;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            channel.close();
        }
    }

    /**
     * Abandons the file without flushing the buffer or the header, as a crash would. For tests of
     * the recovery pass; closing the channel does not add data the crash would have lost.
     */
    synchronized void abandon() throws IOException {
        closed = true;
        channel.close();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void drain() throws IOException {
        if (buffer.position() > 0) {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(path.getFileName() + " is closed");
        }
    }
}
