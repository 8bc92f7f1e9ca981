package io.camelrtms.sink.file;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Ogg Opus file on the stream's timeline, the mixed audio or one speaker's, kept the way a WAV
 * track is: every packet is placed by its timestamp, counted in 48 kHz samples from the stream's
 * origin; when it lies further ahead than the audio written so far, the gap is bridged first with
 * packets the decoder conceals as lost, in the configuration of the packet before (RFC 7845, 4.1:
 * an Ogg Opus stream has no holes in its granule positions), so later audio keeps its place. The
 * decoder's concealment fades out over the first few hundred milliseconds of a long gap (a muted
 * speaker), where the WAV track has silence; every packet after the gap decodes alike. Packets
 * that arrive early are appended as they are: audio is never dropped to keep time.
 *
 * <p>Used by one stream thread at a time; the statistics are read when the stream stops.
 */
public final class OpusTrack {

    private static final Logger LOG = LoggerFactory.getLogger(OpusTrack.class);
    private static final int SAMPLES_PER_MS = 48;
    /** The shortest lost-packet marker: gaps are bridged to a multiple of 2.5 ms. */
    private static final int MARKER_UNIT = 120;
    private static final int[] MARKERS = {960, 480, 240, 120};

    private final OggOpusWriter writer;
    private final String relativePath;
    private final String speaker;
    private final GapPolicy policy;
    private final long toleranceSamples;
    private final long maxFillSamples;
    /** The TOC byte of the last packet written, or -1 before the first. */
    private int lastToc = -1;
    private long gapsFilled;
    private long gapSamples;
    private long leadingSamples;
    private long droppedPackets;
    private boolean capLogged;
    private boolean malformedLogged;
    private volatile String userName;

    /**
     * @param relativePath the file's path relative to the stream directory
     * @param speaker      user id or channel id, or {@code null} for mixed audio
     */
    public OpusTrack(OggOpusWriter writer, String relativePath, String speaker, GapPolicy policy) {
        this.writer = writer;
        this.relativePath = relativePath;
        this.speaker = speaker;
        this.policy = policy;
        this.toleranceSamples = Math.max(1, policy.tolerance().toMillis() * SAMPLES_PER_MS);
        this.maxFillSamples = policy.maxFill().toMillis() * SAMPLES_PER_MS;
    }

    /**
     * Writes one packet.
     *
     * @param offsetMillis the packet's time relative to the stream origin, or {@code null} if unknown
     *                     (then the packet is appended)
     */
    public void write(byte[] packet, Long offsetMillis) throws IOException {
        write(packet, offsetMillis, OggOpusWriter.NO_TIMESTAMP);
    }

    /** As {@link #write(byte[], Long)}, with the packet's Zoom timestamp for the writer's listener. */
    public void write(byte[] packet, Long offsetMillis, long timestampMillis) throws IOException {
        int samples = OpusPackets.samples(packet);
        if (samples < 0) {
            droppedPackets++;
            if (!malformedLogged) {
                malformedLogged = true;
                LOG.warn("{}: dropping an Opus packet whose table of contents is malformed", relativePath);
            }
            return;
        }
        if (policy.fillGaps() && offsetMillis != null) {
            long written = writer.samples();
            long gap = offsetMillis * SAMPLES_PER_MS - written;
            if (gap >= toleranceSamples) {
                long fill = Math.min(gap, maxFillSamples);
                if (fill < gap && !capLogged) {
                    capLogged = true;
                    LOG.warn("{}: a gap of {} ms is bridged for {} ms only (rtms.audio.max-gap-fill)",
                            relativePath, gap / SAMPLES_PER_MS, fill / SAMPLES_PER_MS);
                }
                fill -= fill % MARKER_UNIT;
                conceal(fill);
                if (written == 0) {
                    leadingSamples += fill;
                } else if (fill > 0) {
                    gapsFilled++;
                    gapSamples += fill;
                }
            }
        }
        writer.write(packet, samples, timestampMillis);
        lastToc = packet[0] & 0xFF;
    }

    /** Markers like the last packet, then CELT markers down to 2.5 ms for the rest. */
    private void conceal(long samples) throws IOException {
        long left = samples;
        if (lastToc >= 0) {
            int size = OpusPackets.frameSamples(lastToc);
            byte[] marker = OpusPackets.lostLike(lastToc);
            while (left >= size) {
                writer.write(marker, size);
                left -= size;
            }
        }
        for (int size : MARKERS) {
            byte[] marker = OpusPackets.lost(size, writer.channels());
            while (left >= size) {
                writer.write(marker, size);
                left -= size;
            }
        }
    }

    /** Notes who speaks on this track, for the manifest. */
    public void describe(String name) {
        if (name != null && !name.isEmpty()) {
            this.userName = name;
        }
    }

    public String userName() {
        return userName;
    }

    public OggOpusWriter writer() {
        return writer;
    }

    public String relativePath() {
        return relativePath;
    }

    public String speaker() {
        return speaker;
    }

    /** Gaps inside the audio bridged (the time before a speaker's first word is not counted here). */
    public long gapsFilled() {
        return gapsFilled;
    }

    public long gapMillis() {
        return gapSamples / SAMPLES_PER_MS;
    }

    /** Time bridged before the track's first packet, so it starts at the stream's origin. */
    public long leadingMillis() {
        return leadingSamples / SAMPLES_PER_MS;
    }

    public long droppedPackets() {
        return droppedPackets;
    }
}
