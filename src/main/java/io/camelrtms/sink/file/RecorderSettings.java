package io.camelrtms.sink.file;

import io.camelrtms.sink.file.H264Container;
import io.camelrtms.sink.file.OpusRecording;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the {@link FileRecorder} writes.
 *
 * @param dataDir               root of the recordings ({@code rtms.data-dir})
 * @param gapPolicy             silence insertion for timestamp gaps
 * @param headerRefreshInterval how often buffered audio reaches the file and WAV headers are brought
 *                              up to date: the most a crash can lose
 * @param deleteOnRevoke        delete a stream's files when it stops with STREAM_REVOKED (8)
 * @param recoverOnStart        finish recordings left unfinished by a crash when the recorder starts
 * @param writeBufferBytes      buffer of each audio and H.264 file
 * @param maxCue                longest subtitle cue for a transcript line without an end time
 * @param maxWriteDelay         how long a packet's PCM may wait in an audio file's buffer before the next
 *                              write (or, for a file that stopped receiving, the sweep) hands it to the
 *                              operating system; zero writes every packet through
 * @param opus                  Opus audio recorded as WAV, as Ogg Opus, or both ({@code rtms.recording.opus})
 * @param h264                  H.264 video stored as fragmented MP4 or Annex-B ({@code rtms.recording.h264})
 */
public record RecorderSettings(Path dataDir, GapPolicy gapPolicy, Duration headerRefreshInterval, boolean deleteOnRevoke,
                               boolean recoverOnStart, int writeBufferBytes, Duration maxCue, Duration maxWriteDelay,
                               OpusRecording opus, H264Container h264) {

    /** The default of {@link #maxWriteDelay()}: a packet reaches the file within about one packet (20 ms) of arriving. */
    public static final Duration DEFAULT_MAX_WRITE_DELAY = Duration.ofMillis(10);

    /** As the canonical constructor, with the default {@link #maxWriteDelay()}. */
    public RecorderSettings(Path dataDir, GapPolicy gapPolicy, Duration headerRefreshInterval, boolean deleteOnRevoke,
                            boolean recoverOnStart, int writeBufferBytes, Duration maxCue) {
        this(dataDir, gapPolicy, headerRefreshInterval, deleteOnRevoke, recoverOnStart, writeBufferBytes, maxCue,
                DEFAULT_MAX_WRITE_DELAY);
    }

    /** As the canonical constructor, with Opus decoded and H.264 in MP4. */
    public RecorderSettings(Path dataDir, GapPolicy gapPolicy, Duration headerRefreshInterval, boolean deleteOnRevoke,
                            boolean recoverOnStart, int writeBufferBytes, Duration maxCue, Duration maxWriteDelay) {
        this(dataDir, gapPolicy, headerRefreshInterval, deleteOnRevoke, recoverOnStart, writeBufferBytes, maxCue,
                maxWriteDelay, OpusRecording.DECODE, H264Container.MP4);
    }

    public RecorderSettings {
        if (dataDir == null) {
            throw new IllegalArgumentException("rtms.data-dir must be set");
        }
        if (headerRefreshInterval == null || headerRefreshInterval.isZero() || headerRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("The header refresh interval must be positive");
        }
        if (writeBufferBytes < 512) {
            throw new IllegalArgumentException("The write buffer must be at least 512 bytes");
        }
        if (maxCue == null || maxCue.toMillis() < 1) {
            throw new IllegalArgumentException("The longest subtitle cue must be at least 1 ms");
        }
        if (maxWriteDelay == null || maxWriteDelay.isNegative()) {
            throw new IllegalArgumentException("The longest write delay must be zero or positive");
        }
        if (opus == null || h264 == null) {
            throw new IllegalArgumentException("The Opus and H.264 recording formats must be set");
        }
    }

    /** Defaults: gaps filled, 1 s header refresh, delete on revoke, recovery on start, 8 KiB buffers, 5 s cues, 10 ms write delay. */
    public static RecorderSettings defaults(Path dataDir) {
        return new RecorderSettings(dataDir, GapPolicy.DEFAULT, Duration.ofSeconds(1), true, true, 8192, Duration.ofSeconds(5));
    }

    public RecorderSettings withDataDir(Path dir) {
        return new RecorderSettings(dir, gapPolicy, headerRefreshInterval, deleteOnRevoke, recoverOnStart, writeBufferBytes, maxCue, maxWriteDelay, opus, h264);
    }

    public RecorderSettings withRecoverOnStart(boolean recover) {
        return new RecorderSettings(dataDir, gapPolicy, headerRefreshInterval, deleteOnRevoke, recover, writeBufferBytes, maxCue, maxWriteDelay, opus, h264);
    }

    public RecorderSettings withDeleteOnRevoke(boolean delete) {
        return new RecorderSettings(dataDir, gapPolicy, headerRefreshInterval, delete, recoverOnStart, writeBufferBytes, maxCue, maxWriteDelay, opus, h264);
    }

    public RecorderSettings withHeaderRefreshInterval(Duration interval) {
        return new RecorderSettings(dataDir, gapPolicy, interval, deleteOnRevoke, recoverOnStart, writeBufferBytes, maxCue, maxWriteDelay, opus, h264);
    }

    public RecorderSettings withOpus(OpusRecording mode) {
        return new RecorderSettings(dataDir, gapPolicy, headerRefreshInterval, deleteOnRevoke, recoverOnStart, writeBufferBytes, maxCue, maxWriteDelay, mode, h264);
    }

    public RecorderSettings withH264(H264Container container) {
        return new RecorderSettings(dataDir, gapPolicy, headerRefreshInterval, deleteOnRevoke, recoverOnStart, writeBufferBytes, maxCue, maxWriteDelay, opus, container);
    }
}
