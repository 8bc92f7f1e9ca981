package io.camelrtms.sink.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Opus packets, as Zoom sent them, into an Ogg Opus file (RFC 7845): an {@code OpusHead}
 * page, an {@code OpusTags} page, then audio pages whose granule positions count 48 kHz samples.
 * Packets wait in the current page as PCM waits in a WAV file's buffer: the page goes to the file
 * when a packet finds its oldest packet {@link #maxWriteDelay the longest write delay} old, when
 * {@link #drainIfDue} (the recorder's sweep) finds it twice that old, when it is full, and on
 * {@link #flush()}; no call forces data to disk. A {@code kill -9} therefore loses what a WAV file
 * would, and {@link #repair} finishes the file: it cuts a torn page and marks the last page
 * end-of-stream. Closing marks it too; a resumed stream clears the mark and goes on.
 *
 * <p>Pre-skip is 0: the samples are not ours to trim (Zoom's encoder delay is not announced), and
 * the WAV of the same stream keeps them too, so both files line up sample for sample.
 *
 * <p>Thread-safety: every method is synchronized; one stream thread writes, the scheduler flushes.
 */
public final class OggOpusWriter implements RecordingWriter {

    private static final Logger LOG = LoggerFactory.getLogger(OggOpusWriter.class);
    private static final int PRE_SKIP = 0;
    private static final String VENDOR = "camel-rtms";
    /** Pages before the first audio page: OpusHead and OpusTags. */
    private static final int HEADER_PAGES = 2;

    private final Path path;
    private final FileChannel channel;
    private final int channels;
    private final int serial;
    private long pageSequence;
    /** Samples (48 kHz) of every packet accepted, written or pending. */
    private long samples;
    private long packets;
    private final List<byte[]> pending = new ArrayList<>();
    private int pendingSegments;
    /** The last page written, to mark it end-of-stream on close. */
    private long lastPagePosition = -1;
    private byte[] lastPage;
    private long maxDelayNanos = Long.MAX_VALUE;
    private volatile long bufferedSince;
    private boolean closed;
    private WrittenListener listener;
    /** Zoom timestamps of the packets in the current page, told to the listener once the page is written. */
    private long[] pendingStamps = new long[16];
    private int pendingStampCount;

    /** Told, for every packet Zoom sent, when its page reached the operating system. */
    @FunctionalInterface
    public interface WrittenListener {
        /**
         * @param timestampMillis the packet's Zoom timestamp, or {@link #NO_TIMESTAMP}
         * @param nowMillis       the wall clock when the page was written
         */
        void written(long timestampMillis, long nowMillis);
    }

    /** The timestamp of a packet that has none. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private OggOpusWriter(Path path, FileChannel channel, int channels, int serial, long pageSequence, long samples) {
        this.path = path;
        this.channel = channel;
        this.channels = channels;
        this.serial = serial;
        this.pageSequence = pageSequence;
        this.samples = samples;
    }

    /** Creates (or replaces) the file and writes its two header pages at once. */
    public static OggOpusWriter create(Path path, int channels, int inputSampleRate) throws IOException {
        if (channels < 1 || channels > 2) {
            throw new IllegalArgumentException("Ogg Opus mapping family 0 holds 1 or 2 channels, not " + channels);
        }
        Files.createDirectories(path.getParent());
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            OggOpusWriter w = new OggOpusWriter(path, ch, channels, ThreadLocalRandom.current().nextInt(), 0, 0);
            ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
            head.put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) channels)
                    .putShort((short) PRE_SKIP).putInt(inputSampleRate).putShort((short) 0).put((byte) 0);
            byte[] vendor = VENDOR.getBytes(StandardCharsets.UTF_8);
            ByteBuffer tags = ByteBuffer.allocate(8 + 4 + vendor.length + 4).order(ByteOrder.LITTLE_ENDIAN);
            tags.put("OpusTags".getBytes(StandardCharsets.US_ASCII)).putInt(vendor.length).put(vendor).putInt(0);
            w.writePage(OggPage.BEGINNING_OF_STREAM, 0, List.of(head.array()));
            w.writePage(0, 0, List.of(tags.array()));
            return w;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Continues the file of a stream recorded before a restart, after its last complete page (a
     * torn page is cut, an end-of-stream mark cleared); creates the file when it is missing, not
     * Ogg Opus, or has another channel count (the old one is then replaced, and that logged).
     */
    public static OggOpusWriter append(Path path, int channels, int inputSampleRate) throws IOException {
        if (!Files.isRegularFile(path) || Files.size(path) == 0) {
            return create(path, channels, inputSampleRate);
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Scan scan = Scan.of(ch);
            if (scan.pages < HEADER_PAGES || scan.channels != channels) {
                ch.close();
                LOG.warn("Replacing {}: it is not Ogg Opus with {} channels", path.getFileName(), channels);
                return create(path, channels, inputSampleRate);
            }
            ch.truncate(scan.last.end());
            if ((scan.last.type() & OggPage.END_OF_STREAM) != 0) {
                OggPage.retype(ch, scan.last, scan.last.type() & ~OggPage.END_OF_STREAM);
            }
            ch.position(scan.last.end());
            OggOpusWriter w = new OggOpusWriter(path, ch, channels, scan.last.serial(), scan.last.sequence() + 1,
                    scan.samples());
            w.lastPagePosition = scan.last.position();
            w.lastPage = scan.last.bytes();
            return w;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public int channels() {
        return channels;
    }

    /** Samples at 48 kHz accepted so far (written or pending): where the next packet starts. */
    public synchronized long samples() {
        return samples;
    }

    public synchronized long packets() {
        return packets;
    }

    /** As {@code WavFileWriter.maxWriteDelay}: how long a packet may wait in the current page. */
    public synchronized OggOpusWriter maxWriteDelay(Duration delay) {
        this.maxDelayNanos = delay == null ? Long.MAX_VALUE : delay.toNanos();
        return this;
    }

    /** Reports every packet written with {@link #write(byte[], int, long)} to this listener once its page is written. */
    public synchronized OggOpusWriter reportTo(WrittenListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Appends one packet Zoom sent, reported to the {@link #reportTo listener} once written.
     *
     * @param timestampMillis its Zoom timestamp, or {@link #NO_TIMESTAMP}
     */
    public synchronized void write(byte[] packet, int packetSamples, long timestampMillis) throws IOException {
        if (listener != null) {
            if (pendingStampCount == pendingStamps.length) {
                pendingStamps = java.util.Arrays.copyOf(pendingStamps, pendingStampCount * 2);
            }
            pendingStamps[pendingStampCount++] = timestampMillis;
        }
        write(packet, packetSamples);
    }

    /**
     * Appends one Opus packet (not reported: a lost-packet marker, say).
     *
     * @param packetSamples its duration in 48 kHz samples
     */
    public synchronized void write(byte[] packet, int packetSamples) throws IOException {
        if (closed) {
            throw new IOException(path.getFileName() + " is closed");
        }
        int segments = OggPage.segments(packet.length);
        if (pendingSegments + segments > OggPage.MAX_SEGMENTS) {
            drain();
        }
        pending.add(packet);
        pendingSegments += segments;
        samples += packetSamples;
        packets++;
        long now = System.nanoTime();
        if (bufferedSince == 0) {
            bufferedSince = now;
        } else if (maxDelayNanos != Long.MAX_VALUE && now - bufferedSince >= maxDelayNanos) {
            drain();
        }
        if (maxDelayNanos == 0) {
            drain();
        }
    }

    /** Writes the current page if its oldest packet has waited twice the longest write delay. */
    @Override
    public void drainIfDue(long nowNanos) throws IOException {
        long since = bufferedSince;
        if (since == 0 || maxDelayNanos == Long.MAX_VALUE || nowNanos - since < 2 * maxDelayNanos) {
            return;
        }
        synchronized (this) {
            if (!closed && bufferedSince != 0 && nowNanos - bufferedSince >= 2 * maxDelayNanos) {
                drain();
            }
        }
    }

    /** Writes the current page. */
    public synchronized void flush() throws IOException {
        if (!closed) {
            drain();
        }
    }

    /** Writes the current page and marks the last page end-of-stream. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            drain();
            if (lastPage != null && pageSequence > HEADER_PAGES) {
                OggPage.Header last = new OggPage.Header(lastPagePosition, lastPage.length, lastPage[OggPage.TYPE_OFFSET],
                        0, serial, pageSequence - 1, lastPage);
                OggPage.retype(channel, last, (lastPage[OggPage.TYPE_OFFSET] & 0xFF) | OggPage.END_OF_STREAM);
            }
        } finally {
            closed = true;
            channel.close();
        }
    }

    @Override
    public synchronized void abandon() throws IOException {
        closed = true;
        channel.close();
    }

    private void drain() throws IOException {
        bufferedSince = 0;
        if (pending.isEmpty()) {
            return;
        }
        writePage(0, PRE_SKIP + samples, pending);
        pending.clear();
        pendingSegments = 0;
        if (pendingStampCount > 0 && listener != null) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < pendingStampCount; i++) {
                listener.written(pendingStamps[i], now);
            }
        }
        pendingStampCount = 0;
    }

    private void writePage(int type, long granule, List<byte[]> packetsOfPage) throws IOException {
        ByteBuffer page = OggPage.build(type, granule, serial, pageSequence++, packetsOfPage);
        lastPagePosition = channel.position();
        lastPage = page.array();
        while (page.hasRemaining()) {
            channel.write(page);
        }
    }

    /**
     * Finishes a file a crash left: cuts it after its last complete page and marks that page
     * end-of-stream. A file without its two header pages holds nothing playable and is removed.
     *
     * @return the samples (48 kHz) the file holds, or -1 when it was removed
     */
    public static long repair(Path ogg) throws IOException {
        try (FileChannel ch = FileChannel.open(ogg, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Scan scan = Scan.of(ch);
            if (scan.pages < HEADER_PAGES) {
                ch.close();
                Files.delete(ogg);
                LOG.warn("Removed {}: cut short before its headers were complete", ogg.getFileName());
                return -1;
            }
            if (ch.size() > scan.last.end()) {
                ch.truncate(scan.last.end());
            }
            if (scan.pages > HEADER_PAGES && (scan.last.type() & OggPage.END_OF_STREAM) == 0) {
                OggPage.retype(ch, scan.last, scan.last.type() | OggPage.END_OF_STREAM);
            }
            return Math.max(0, scan.granule - scan.preSkip);
        }
    }

    /** What the complete pages of a file say: how many, the last one, the channels, the last granule position. */
    public static final class Scan {
        int pages;
        OggPage.Header last;
        int channels;
        int preSkip;
        long granule;

        /** Reads the pages' headers up to the first one that is torn or does not check out. */
        static Scan of(FileChannel ch) throws IOException {
            Scan s = new Scan();
            long pos = 0;
            OggPage.Header page;
            while ((page = OggPage.read(ch, pos)) != null) {
                if (s.pages == 0) {
                    byte[] head = page.firstPacket();
                    if (head.length < 19 || !new String(head, 0, 8, StandardCharsets.US_ASCII).equals("OpusHead")) {
                        break;
                    }
                    s.channels = head[9] & 0xFF;
                    s.preSkip = (head[10] & 0xFF) | (head[11] & 0xFF) << 8;
                } else if (page.serial() != s.last.serial()) {
                    break;
                }
                s.pages++;
                s.last = page;
                if (page.granule() >= 0) {
                    s.granule = page.granule();
                }
                pos = page.end();
            }
            return s;
        }

        /** Audio samples (48 kHz) in the file, after the pre-skip. */
        public long samples() {
            return Math.max(0, granule - preSkip);
        }

        public int channels() {
            return channels;
        }

        /** Whether the last complete page is marked end-of-stream (closed, or finished by {@link #repair}). */
        public boolean ended() {
            return last != null && (last.type() & OggPage.END_OF_STREAM) != 0;
        }

        /** Whether the file starts with its OpusHead and OpusTags pages. */
        public boolean playable() {
            return pages >= HEADER_PAGES;
        }

        /** Reads a file's pages. */
        public static Scan of(Path file) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                return of(ch);
            }
        }
    }
}
