package io.camelrtms.sink.file;

import io.camelrtms.media.PcmFormat;
import io.camelrtms.media.WavHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a 16-bit PCM WAV file incrementally. PCM goes through a small buffer to the file: the
 * buffer is handed to the operating system when it is full, when the oldest PCM in it has waited
 * {@link #maxWriteDelay(Duration) the longest write delay} (checked as PCM arrives, and by
 * {@link #drainIfDue(long)}, which the recorder calls on a schedule for files that stopped
 * receiving), and by {@link #flush()}, which also brings the RIFF header up to date and which the
 * recorder calls on a schedule (every second by default) and on close. No call forces data to disk: plain
 * writes sit in the operating system's page cache and survive the process being killed, so a
 * {@code kill -9} leaves a playable file holding everything flushed, and the recovery pass can
 * extend the header to every whole frame written. The header reserves room for RF64's 64-bit sizes
 * ({@link WavHeader#header}): past 4 GiB the file turns into RF64 in place and stays playable.
 *
 * <p>Thread-safety: every method is synchronized. One stream thread writes; the flush scheduler
 * calls {@link #flush()}; the lock is uncontended on the hot path.
 */
public final class WavFileWriter implements RecordingWriter {

    private static final Logger LOG = LoggerFactory.getLogger(WavFileWriter.class);
    /** The timestamp of a chunk that has none (it is counted, but has no latency). */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024).asReadOnlyBuffer();
    /** Silence at least this long is left as a hole in the file rather than written. */
    private static final long SPARSE_SILENCE_BYTES = 1 << 20;

    private final Path path;
    private final PcmFormat format;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final long dataOffset;
    /** Where the header's size fields are, for {@link WavHeader#updateSizes}. */
    private final WavHeader.Info layout;
    /** PCM bytes accepted so far, buffered or not. */
    private long dataBytes;
    /** PCM bytes the header states. */
    private long headerBytes;
    private boolean closed;
    private boolean oversizeLogged;
    /** Timestamps of the chunks waiting in the buffer, reported to the statistics when they reach the file. */
    private long[] pendingStamps = new long[8];
    private int pendingCount;
    private RecordingStatistics statistics;
    /** The longest PCM may wait in the buffer, in nanoseconds; {@code Long.MAX_VALUE} = until full or flushed. */
    private long maxDelayNanos = Long.MAX_VALUE;
    /** {@link System#nanoTime()} when the oldest buffered byte arrived; 0 while the buffer is empty. */
    private volatile long bufferedSince;

    private WavFileWriter(Path path, PcmFormat format, FileChannel channel, int bufferBytes,
                          WavHeader.Info layout, long dataBytes, long headerBytes) {
        this.path = path;
        this.format = format;
        this.channel = channel;
        int size = Math.max(format.bytesPerFrame(), bufferBytes - bufferBytes % format.bytesPerFrame());
        this.buffer = ByteBuffer.allocate(size);
        this.dataOffset = layout.dataOffset();
        this.layout = layout;
        this.dataBytes = dataBytes;
        this.headerBytes = headerBytes;
    }

    /**
     * Creates (or replaces) a WAV file and writes its header at once, so the file is valid from its
     * first byte. The header reserves room for the RF64 sizes, so the file becomes RF64 in place
     * when it passes 4 GiB.
     */
    public static WavFileWriter create(Path path, PcmFormat format, int bufferBytes) throws IOException {
        FileChannel ch = RecordingFiles.channel(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = WavHeader.header(format, 0);
            while (header.hasRemaining()) {
                ch.write(header);
            }
            WavHeader.Info layout = new WavHeader.Info(format, WavHeader.HEADER_SIZE, 0, WavHeader.DS64_OFFSET);
            return new WavFileWriter(path, format, ch, bufferBytes, layout, 0, 0);
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
            long size = ch.size() - info.dataOffset();
            long whole = size - size % format.bytesPerFrame();
            ch.truncate(info.dataOffset() + whole);
            ch.position(info.dataOffset() + whole);
            WavFileWriter w = new WavFileWriter(path, format, ch, bufferBytes, info, whole, -1);
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

    /**
     * Bounds how long PCM waits in the buffer: the first write that finds the buffer's oldest PCM
     * at least this old hands the buffer to the operating system, and {@link #drainIfDue} does it for
     * a file that stopped receiving, so PCM waits at most three delays (zero: every write goes out at
     * once). Without a delay the buffer waits until it is full or {@link #flush()}.
     */
    public synchronized WavFileWriter maxWriteDelay(Duration delay) {
        this.maxDelayNanos = delay == null ? Long.MAX_VALUE : delay.toNanos();
        return this;
    }

    /**
     * Hands the buffer to the operating system if its oldest PCM has waited twice the longest write
     * delay: PCM still arriving is written by {@link #write} (a packet that finds the buffer's oldest
     * PCM at least the delay old drains it, so packets 20 ms apart go out in pairs with a 10 ms
     * delay); this catches a file that stopped receiving. Cheap when there is nothing to do (no lock
     * is taken); the recorder's scheduler calls it every delay, so such PCM waits at most three delays.
     */
    @Override
    public void drainIfDue(long nowNanos) throws IOException {
        long since = bufferedSince;
        if (since == 0 || maxDelayNanos == Long.MAX_VALUE || nowNanos - since < 2 * maxDelayNanos) {
            return;
        }
        synchronized (this) {
            since = bufferedSince;
            if (!closed && since != 0 && nowNanos - since >= 2 * maxDelayNanos) {
                drain();
            }
        }
    }

    /** Reports every chunk written with {@link #write(byte[], long)} to these statistics once it reaches the file. */
    public synchronized void reportTo(RecordingStatistics statistics) {
        this.statistics = statistics;
    }

    /**
     * Appends s16le PCM.
     *
     * @param length a whole number of frames
     */
    public void write(byte[] pcm, int offset, int length) throws IOException {
        write(pcm, offset, length, NO_TIMESTAMP, 0);
    }

    public void write(byte[] pcm) throws IOException {
        write(pcm, 0, pcm.length);
    }

    /**
     * Appends one packet's s16le PCM and, once it reaches the file, reports it (with its Zoom
     * timestamp, or {@link #NO_TIMESTAMP}) to the statistics given to {@link #reportTo}.
     */
    public void write(byte[] pcm, long timestampMillis) throws IOException {
        write(pcm, 0, pcm.length, timestampMillis, 1);
    }

    /**
     * Appends the s16le PCM of {@code packets} consecutive packets of equal length (the rtms: consumer's
     * audioBatch), the first with Zoom timestamp {@code timestampMillis}, and reports each of them, with
     * the timestamp it had, as {@link #write(byte[], long)} does.
     */
    public void write(byte[] pcm, long timestampMillis, int packets) throws IOException {
        write(pcm, 0, pcm.length, timestampMillis, Math.max(1, packets));
    }

    /** {@code packets}: how many packets the PCM holds, each reported once written; 0 for PCM that is no packet. */
    private synchronized void write(byte[] pcm, int offset, int length, long stamp, int packets) throws IOException {
        ensureOpen();
        if (length % format.bytesPerFrame() != 0) {
            throw new IllegalArgumentException(length + " bytes are not whole " + format + " frames");
        }
        if (length > buffer.remaining()) {
            drain();
        }
        if (length >= buffer.capacity()) {
            writeFully(ByteBuffer.wrap(pcm, offset, length));
            long now = System.currentTimeMillis();
            for (int i = 0; i < packets; i++) {
                reportWritten(packetStamp(stamp, i, length / packets), now);
            }
        } else {
            buffer.put(pcm, offset, length);
            for (int i = 0; i < packets; i++) {
                pend(packetStamp(stamp, i, length / packets));
            }
            drainIfWaitedTooLong();
        }
        dataBytes += length;
    }

    /** After PCM went into the buffer: marks when the buffer started to fill, and drains it once that is too long ago. */
    private void drainIfWaitedTooLong() throws IOException {
        if (maxDelayNanos == Long.MAX_VALUE) {
            if (bufferedSince == 0) {
                bufferedSince = System.nanoTime();
            }
            return;
        }
        long now = System.nanoTime();
        long since = bufferedSince;
        if (since == 0) {
            bufferedSince = now;
            since = now;
        }
        if (now - since >= maxDelayNanos) {
            drain();
        }
    }

    /**
     * Appends {@code frames} frames of digital silence. A long silence (a meeting left running in
     * an empty room) becomes a hole in a sparse file: it reads as zeros and takes no disk.
     */
    public synchronized void writeSilence(long frames) throws IOException {
        ensureOpen();
        long bytes = frames * format.bytesPerFrame();
        if (bytes >= SPARSE_SILENCE_BYTES) {
            drain();
            int frame = format.bytesPerFrame();
            // writing the last frame past the end leaves the bytes before it as a hole of zeros
            channel.position(channel.position() + bytes - frame);
            writeFully(ZEROS.duplicate().limit(frame));
            dataBytes += bytes;
            return;
        }
        long left = bytes;
        while (left > 0 && buffer.hasRemaining()) {
            int n = (int) Math.min(left, buffer.remaining());
            buffer.put(ZEROS.duplicate().limit(Math.min(n, ZEROS.capacity())));
            left -= Math.min(n, ZEROS.capacity());
            if (bufferedSince == 0) {
                bufferedSince = System.nanoTime();
            }
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
        if (dataBytes != headerBytes) {
            long stated = WavHeader.updateSizes(channel, layout, dataBytes);
            if (stated < dataBytes && !oversizeLogged) {
                oversizeLogged = true;
                LOG.warn("{} passed the 4 GiB a WAV header without an RF64 reservation can describe (it was begun "
                        + "by an older version); players will stop at {} bytes", path.getFileName(), stated);
            }
            headerBytes = dataBytes;
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

    /** Also what the tests of the recovery pass use as a crash: closing the channel adds no data a crash would have lost. */
    @Override
    public synchronized void abandon() throws IOException {
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
        bufferedSince = 0;
        if (pendingCount > 0) {
            RecordingStatistics s = statistics;
            if (s != null) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < pendingCount; i++) {
                    s.audioWritten(pendingStamps[i], now);
                }
            }
            pendingCount = 0;
        }
    }

    /** The timestamp of packet {@code i} of a chunk whose first packet has {@code first} and each {@code bytes} bytes. */
    private long packetStamp(long first, int i, int bytes) {
        if (first == NO_TIMESTAMP || i == 0) {
            return first;
        }
        return first + (long) i * bytes / format.bytesPerFrame() * 1000 / format.sampleRate();
    }

    private void pend(long stamp) {
        if (statistics == null) {
            return;
        }
        if (pendingCount == pendingStamps.length) {
            pendingStamps = java.util.Arrays.copyOf(pendingStamps, pendingCount * 2);
        }
        pendingStamps[pendingCount++] = stamp;
    }

    private void reportWritten(long stamp, long now) {
        RecordingStatistics s = statistics;
        if (s != null) {
            s.audioWritten(stamp, now);
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
