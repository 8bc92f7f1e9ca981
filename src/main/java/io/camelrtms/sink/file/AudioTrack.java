package io.camelrtms.sink.file;

import io.camelrtms.media.PcmFormat;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audio file on the stream's timeline: the mixed audio or one speaker's. Every chunk is placed
 * by its timestamp, counted in frames from the stream's origin (so positions never drift); when it
 * lies further ahead than the audio written so far, silence is inserted first. Chunks that arrive
 * early (clock jitter, overlap) are appended as they are: audio is never dropped to keep time.
 *
 * <p>Used by one stream thread at a time; the statistics are read when the stream stops.
 */
public final class AudioTrack {

    private static final Logger LOG = LoggerFactory.getLogger(AudioTrack.class);

    private final WavFileWriter writer;
    private final String relativePath;
    private final String speaker;
    private final GapPolicy policy;
    private final long toleranceFrames;
    private final long maxFillFrames;
    private volatile String userName;
    private volatile String sourceCodec;
    private long gapsFilled;
    private long gapFrames;
    private long leadingFrames;
    private long concealedFrames;
    private long droppedChunks;
    private boolean mismatchLogged;
    private boolean capLogged;

    /**
     * @param relativePath the file's path relative to the stream directory
     * @param speaker      user id or channel id, or {@code null} for mixed audio
     */
    public AudioTrack(WavFileWriter writer, String relativePath, String speaker, GapPolicy policy) {
        this.writer = writer;
        this.relativePath = relativePath;
        this.speaker = speaker;
        this.policy = policy;
        PcmFormat f = writer.format();
        this.toleranceFrames = Math.max(1, f.framesAt(policy.tolerance().toMillis()));
        this.maxFillFrames = f.framesAt(policy.maxFill().toMillis());
    }

    /**
     * Writes one chunk of PCM.
     *
     * @param format          the chunk's format; a chunk in another format than the file's is dropped and counted
     * @param offsetMillis    the chunk's packet time relative to the stream origin, or {@code null} if unknown
     *                        (then the chunk is appended)
     * @param concealedFrames frames at the start of {@code pcm} that conceal lost packets before the packet:
     *                        the chunk begins that many frames before {@code offsetMillis}
     */
    public void write(byte[] pcm, PcmFormat format, Long offsetMillis, int concealedFrames) throws IOException {
        write(pcm, format, offsetMillis, concealedFrames, WavFileWriter.NO_TIMESTAMP, 1);
    }

    /**
     * Writes the PCM of {@code packets} consecutive packets of equal length (one, or the rtms: consumer's
     * audioBatch) as one chunk, as {@link #write(byte[], PcmFormat, Long, int)}, and has the writer report
     * each packet with its Zoom timestamp, the first's being {@code timestampMillis}
     * ({@link WavFileWriter#NO_TIMESTAMP} if unknown).
     */
    public void write(byte[] pcm, PcmFormat format, Long offsetMillis, int concealedFrames, long timestampMillis, int packets)
            throws IOException {
        PcmFormat f = writer.format();
        if (!f.equals(format)) {
            droppedChunks++;
            if (!mismatchLogged) {
                mismatchLogged = true;
                LOG.warn("Dropping {} audio for {}: the file holds {}", format, relativePath, f);
            }
            return;
        }
        if (policy.fillGaps() && offsetMillis != null) {
            long start = f.framesAt(offsetMillis) - concealedFrames;
            long written = writer.frames();
            long gap = start - written;
            if (gap >= toleranceFrames) {
                long fill = Math.min(gap, maxFillFrames);
                if (fill < gap && !capLogged) {
                    capLogged = true;
                    LOG.warn("{}: a gap of {} ms is filled with {} ms of silence only (rtms.audio.max-gap-fill)",
                            relativePath, f.millisOf(gap), f.millisOf(fill));
                }
                writer.writeSilence(fill);
                if (written == 0) {
                    leadingFrames += fill;
                } else {
                    gapsFilled++;
                    gapFrames += fill;
                }
            }
        }
        writer.write(pcm, timestampMillis, packets);
        this.concealedFrames += concealedFrames;
    }

    /** Notes who speaks on this track and which codec the audio came in, for the manifest. */
    public void describe(String userName, String sourceCodec) {
        if (userName != null && !userName.isEmpty()) {
            this.userName = userName;
        }
        if (sourceCodec != null) {
            this.sourceCodec = sourceCodec;
        }
    }

    public WavFileWriter writer() {
        return writer;
    }

    public String relativePath() {
        return relativePath;
    }

    public String speaker() {
        return speaker;
    }

    public String userName() {
        return userName;
    }

    public String sourceCodec() {
        return sourceCodec;
    }

    /** Gaps inside the audio filled with silence (the silence before a speaker's first word is not counted here). */
    public long gapsFilled() {
        return gapsFilled;
    }

    public long gapFrames() {
        return gapFrames;
    }

    /** Silence written before the track's first chunk, so it starts at the stream's origin. */
    public long leadingFrames() {
        return leadingFrames;
    }

    public long concealedFrames() {
        return concealedFrames;
    }

    public long droppedChunks() {
        return droppedChunks;
    }
}
