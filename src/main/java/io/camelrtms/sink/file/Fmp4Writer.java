package io.camelrtms.sink.file;

import java.io.Flushable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes H.264 access units (Annex-B, as Zoom sends them) into a fragmented MP4 file: {@code ftyp}
 * and a {@code moov} with the {@code avcC} of the first SPS and PPS, then one {@code moof}+{@code mdat}
 * fragment per {@link #flush()} (the recorder's schedule, every second by default) holding the
 * frames whose duration is known. Each frame is placed at its Zoom timestamp on the stream's
 * timeline (milliseconds from the stream's origin, the timescale), so a gap in the video keeps the
 * last picture on screen for its length and the file lines up with the audio. A crash loses at most
 * the frames since the last fragment, and {@link #repair} cuts a torn fragment off: every complete
 * fragment plays.
 *
 * <p>Why our own box writer: the Java MP4 library on Maven Central (org.mp4parser, last released in
 * April 2022) builds a whole movie in memory or, in its streaming module, runs each track on its
 * own thread with sample durations known up front; the boxes a fragmented H.264 track needs are a
 * few hundred bytes of ISO/IEC 14496-12 and 14496-15, written here.
 *
 * <p>In-band SPS and PPS stay in the samples too, so a stream that changes resolution mid-way still
 * decodes. Frames before the first SPS and PPS cannot be decoded and are dropped (counted).
 * Thread-safety: every method is synchronized (the stream thread writes, the scheduler flushes).
 */
public final class Fmp4Writer implements RecordingWriter, Flushable {

    private static final Logger LOG = LoggerFactory.getLogger(Fmp4Writer.class);
    /** Timescale of the track: milliseconds, the unit of Zoom's timestamps. */
    static final int TIMESCALE = 1000;
    /** Duration of the last frame when nothing follows it. */
    private static final int LAST_FRAME_MS = 33;
    private static final int SYNC_SAMPLE = 0x0200_0000;
    private static final int NON_SYNC_SAMPLE = 0x0101_0000;

    private record Frame(byte[] sample, long time, boolean key) {
    }

    private final Path path;
    private final FileChannel channel;
    private final List<Frame> pending = new ArrayList<>();
    private final BoxBuffer box = new BoxBuffer();
    private boolean headerWritten;
    private long sequence;
    /** Where the next frame may start at the earliest (the end of the last frame written). */
    private long endTime;
    private long lastDuration = LAST_FRAME_MS;
    private long frames;
    private long droppedFrames;
    private boolean closed;

    private Fmp4Writer(Path path, FileChannel channel, boolean headerWritten, long sequence, long endTime, long frames) {
        this.path = path;
        this.channel = channel;
        this.headerWritten = headerWritten;
        this.sequence = sequence;
        this.endTime = endTime;
        this.frames = frames;
    }

    /**
     * Opens a file for writing: a stream resumed after a restart continues its file after the last
     * complete fragment; a file that is not a fragmented MP4 of ours is replaced.
     */
    public static Fmp4Writer open(Path path, FileChannel channel) throws IOException {
        if (channel.size() > 0) {
            Fmp4Scan scan = Fmp4Scan.of(channel);
            if (scan.playable()) {
                channel.truncate(scan.validEnd());
                channel.position(scan.validEnd());
                return new Fmp4Writer(path, channel, true, scan.lastSequence(), scan.endTime(), scan.samples());
            }
            LOG.warn("Replacing {}: it is not a fragmented MP4 this recorder can continue", path.getFileName());
            channel.truncate(0);
        }
        channel.position(0);
        return new Fmp4Writer(path, channel, false, 0, 0, 0);
    }

    /** Opens (creating the file and its directories when missing) as {@link #open(Path, FileChannel)}. */
    public static Fmp4Writer open(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        OpenOption[] options = {StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE};
        FileChannel ch = FileChannel.open(path, options);
        try {
            return open(path, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Adds one access unit.
     *
     * @param annexB     the frame as Zoom sent it
     * @param timeMillis its time on the stream's timeline (Zoom timestamp minus the stream's origin),
     *                   or a negative value when unknown (it then follows the previous frame)
     */
    public synchronized void write(byte[] annexB, long timeMillis) throws IOException {
        if (closed) {
            throw new IOException(path.getFileName() + " is closed");
        }
        List<byte[]> nals = H264Nals.split(annexB);
        if (!headerWritten && !writeHeader(nals)) {
            droppedFrames++;
            return;
        }
        boolean key = false;
        int size = 0;
        for (byte[] nal : nals) {
            size += 4 + nal.length;
            key |= H264Nals.type(nal) == H264Nals.IDR;
        }
        if (size == 0) {
            return;
        }
        byte[] sample = new byte[size];
        ByteBuffer b = ByteBuffer.wrap(sample);
        for (byte[] nal : nals) {
            b.putInt(nal.length).put(nal);
        }
        long earliest = pending.isEmpty() ? endTime : pending.get(pending.size() - 1).time() + 1;
        long time = timeMillis < 0 ? earliest + (pending.isEmpty() ? 0 : lastDuration - 1) : Math.max(timeMillis, earliest);
        pending.add(new Frame(sample, time, key));
    }

    /** Writes the frames whose duration is known (all but the newest) as one fragment. */
    @Override
    public synchronized void flush() throws IOException {
        if (!closed) {
            writeFragment(pending.size() - 1);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            writeFragment(pending.size());
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

    public Path path() {
        return path;
    }

    /** Frames in the file, written or waiting for the next fragment. */
    public synchronized long frames() {
        return frames + pending.size();
    }

    /** Frames dropped because no SPS and PPS had come before them. */
    public synchronized long droppedFrames() {
        return droppedFrames;
    }

    /** The ftyp and moov boxes, once the stream has sent an SPS and a PPS; false while it has not. */
    private boolean writeHeader(List<byte[]> nals) throws IOException {
        byte[] sps = null;
        byte[] pps = null;
        for (byte[] nal : nals) {
            if (H264Nals.type(nal) == H264Nals.SPS && sps == null && nal.length >= 4) {
                sps = nal;
            } else if (H264Nals.type(nal) == H264Nals.PPS && pps == null) {
                pps = nal;
            }
        }
        if (sps == null || pps == null) {
            if (droppedFrames == 0) {
                LOG.info("{}: dropping H.264 frames until the stream sends its SPS and PPS", path.getFileName());
            }
            return false;
        }
        int[] size = H264Nals.pictureSize(sps);
        box.clear();
        int ftyp = box.begin("ftyp");
        box.ascii("isom").u32(0x200).ascii("isom").ascii("iso6").ascii("avc1").ascii("mp41");
        box.end(ftyp);
        int moov = box.begin("moov");
        int mvhd = box.beginFull("mvhd", 0, 0);
        box.u32(0).u32(0).u32(TIMESCALE).u32(0).u32(0x0001_0000).u16(0x0100).zeros(10);
        matrix(box);
        box.zeros(24).u32(2);
        box.end(mvhd);
        int trak = box.begin("trak");
        int tkhd = box.beginFull("tkhd", 0, 3);
        box.u32(0).u32(0).u32(1).u32(0).u32(0).zeros(8).u16(0).u16(0).u16(0).u16(0);
        matrix(box);
        box.u32((long) size[0] << 16).u32((long) size[1] << 16);
        box.end(tkhd);
        int mdia = box.begin("mdia");
        int mdhd = box.beginFull("mdhd", 0, 0);
        box.u32(0).u32(0).u32(TIMESCALE).u32(0).u16(0x55C4).u16(0); // language "und"
        box.end(mdhd);
        int hdlr = box.beginFull("hdlr", 0, 0);
        box.u32(0).ascii("vide").zeros(12).ascii("VideoHandler").u8(0);
        box.end(hdlr);
        int minf = box.begin("minf");
        int vmhd = box.beginFull("vmhd", 0, 1);
        box.zeros(8);
        box.end(vmhd);
        int dinf = box.begin("dinf");
        int dref = box.beginFull("dref", 0, 0);
        box.u32(1);
        box.end(box.beginFull("url ", 0, 1));
        box.end(dref);
        box.end(dinf);
        int stbl = box.begin("stbl");
        int stsd = box.beginFull("stsd", 0, 0);
        box.u32(1);
        int avc1 = box.begin("avc1");
        box.zeros(6).u16(1).zeros(16).u16(size[0]).u16(size[1]).u32(0x0048_0000).u32(0x0048_0000).u32(0).u16(1)
                .zeros(32).u16(0x18).u16(0xFFFF);
        int avcC = box.begin("avcC");
        box.u8(1).u8(sps[1]).u8(sps[2]).u8(sps[3]).u8(0xFF).u8(0xE1).u16(sps.length).bytes(sps)
                .u8(1).u16(pps.length).bytes(pps);
        box.end(avcC);
        box.end(avc1);
        box.end(stsd);
        // the sample tables are empty: every sample is in a fragment
        emptyTable("stts", 1);
        emptyTable("stsc", 1);
        emptyTable("stsz", 2);
        emptyTable("stco", 1);
        box.end(stbl);
        box.end(minf);
        box.end(mdia);
        box.end(trak);
        int mvex = box.begin("mvex");
        int trex = box.beginFull("trex", 0, 0);
        box.u32(1).u32(1).u32(0).u32(0).u32(0);
        box.end(trex);
        box.end(mvex);
        box.end(moov);
        writeFully(box.toByteBuffer());
        headerWritten = true;
        return true;
    }

    /**
     * Writes the first {@code count} pending frames as a fragment. A frame lasts until the next one; the
     * newest, when written at close, as long as the one before it, whether that one was written in this
     * fragment or an earlier flush (else the file's end would depend on when the flushes ran).
     */
    private void writeFragment(int count) throws IOException {
        if (count <= 0) {
            return;
        }
        box.clear();
        int moof = box.begin("moof");
        int mfhd = box.beginFull("mfhd", 0, 0);
        box.u32(++sequence);
        box.end(mfhd);
        int traf = box.begin("traf");
        int tfhd = box.beginFull("tfhd", 0, 0x02_0000); // default-base-is-moof
        box.u32(1);
        box.end(tfhd);
        int tfdt = box.beginFull("tfdt", 1, 0);
        box.u64(pending.get(0).time());
        box.end(tfdt);
        int trun = box.beginFull("trun", 0, 0x000701); // data offset, sample durations, sizes, flags
        box.u32(count);
        int dataOffset = box.length();
        box.u32(0);
        long mdatBytes = 0;
        for (int i = 0; i < count; i++) {
            Frame f = pending.get(i);
            long duration = i + 1 < pending.size() ? pending.get(i + 1).time() - f.time() : lastDuration;
            lastDuration = Math.max(1, Math.min(duration, 10_000));
            box.u32(duration).u32(f.sample().length).u32(f.key() ? SYNC_SAMPLE : NON_SYNC_SAMPLE);
            mdatBytes += f.sample().length;
            endTime = f.time() + duration;
        }
        box.end(trun);
        box.end(traf);
        box.end(moof);
        box.patchU32(dataOffset, box.length() - moof + 8L);
        box.u32(8 + mdatBytes).ascii("mdat");
        for (int i = 0; i < count; i++) {
            box.bytes(pending.get(i).sample());
        }
        writeFully(box.toByteBuffer());
        frames += count;
        pending.subList(0, count).clear();
    }

    /**
     * Cuts a file a crash left after its last complete fragment, so it plays to there. A file
     * without a complete header holds nothing playable and is removed.
     *
     * @return the frames the file holds, or -1 when it was removed
     */
    public static long repair(Path mp4) throws IOException {
        try (FileChannel ch = FileChannel.open(mp4, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Fmp4Scan scan = Fmp4Scan.of(ch);
            if (!scan.playable()) {
                ch.close();
                Files.delete(mp4);
                LOG.warn("Removed {}: cut short before its header was complete", mp4.getFileName());
                return -1;
            }
            if (ch.size() > scan.validEnd()) {
                ch.truncate(scan.validEnd());
            }
            return scan.samples();
        }
    }

    private void emptyTable(String type, int zeroFields) {
        int start = box.beginFull(type, 0, 0);
        box.zeros(4 * zeroFields);
        box.end(start);
    }

    private static void matrix(BoxBuffer b) {
        b.u32(0x0001_0000).u32(0).u32(0).u32(0).u32(0x0001_0000).u32(0).u32(0).u32(0).u32(0x4000_0000);
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
