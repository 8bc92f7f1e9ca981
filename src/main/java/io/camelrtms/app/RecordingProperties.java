package io.camelrtms.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the media pipeline: where recordings go ({@code rtms.data-dir}), which sink
 * each media type goes to ({@code rtms.sinks.*}), how audio is kept on the timeline
 * ({@code rtms.audio.*}) and how files are written ({@code rtms.recording.*}).
 */
@ConfigurationProperties(prefix = "rtms")
public class RecordingProperties {

    /** Root directory of the recordings. */
    private String dataDir = "./data";

    /**
     * Sink per media type (audio, transcript, chat, event, video, deskshare): a sink name such as
     * {@code file}, {@code none}, any Camel endpoint URI, or a comma-separated list of those.
     */
    private Map<String, String> sinks = new LinkedHashMap<>();

    private final Audio audio = new Audio();

    private final Recording recording = new Recording();

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public Map<String, String> getSinks() {
        return sinks;
    }

    public void setSinks(Map<String, String> sinks) {
        this.sinks = sinks;
    }

    public Audio getAudio() {
        return audio;
    }

    public Recording getRecording() {
        return recording;
    }

    /** Keeping audio on the meeting's timeline. */
    public static class Audio {

        /** Insert silence where timestamps jump (muted users send nothing), so files follow the meeting's clock. */
        private boolean fillGaps = true;

        /** Timestamp gaps up to this long are jitter, not silence or loss. */
        private Duration gapTolerance = Duration.ofMillis(10);

        /** The longest silence one gap is filled with; guards the disk against a bogus timestamp. */
        private Duration maxGapFill = Duration.ofHours(4);

        /** Opus: gaps up to this long are concealed with packet-loss concealment rather than silence (0 = off). */
        private Duration maxConcealment = Duration.ofMillis(100);

        public boolean isFillGaps() {
            return fillGaps;
        }

        public void setFillGaps(boolean fillGaps) {
            this.fillGaps = fillGaps;
        }

        public Duration getGapTolerance() {
            return gapTolerance;
        }

        public void setGapTolerance(Duration gapTolerance) {
            this.gapTolerance = gapTolerance;
        }

        public Duration getMaxGapFill() {
            return maxGapFill;
        }

        public void setMaxGapFill(Duration maxGapFill) {
            this.maxGapFill = maxGapFill;
        }

        public Duration getMaxConcealment() {
            return maxConcealment;
        }

        public void setMaxConcealment(Duration maxConcealment) {
            this.maxConcealment = maxConcealment;
        }
    }

    /** Writing the files. */
    public static class Recording {

        /** How often buffered audio reaches the files and WAV headers are updated: the most a crash can lose. */
        private Duration headerRefreshInterval = Duration.ofSeconds(1);

        /** Delete a stream's stored data when it stops with STREAM_REVOKED (stop reason 8). */
        private boolean deleteOnRevoke = true;

        /** At start, finish recordings a crash left unfinished (fix WAV headers, subtitles, manifest). */
        private boolean recoverOnStart = true;

        /** Write buffer of each audio and H.264 file. */
        private DataSize writeBufferSize = DataSize.ofKilobytes(8);

        /**
         * How long a packet's audio may wait in its file's write buffer: the next packet that finds it
         * this old hands the buffer to the operating system (from then on it survives a crash of the
         * process), a sweep catches files that stopped receiving (at most three times this); 0 writes
         * every packet at once.
         */
        private Duration maxWriteDelay = Duration.ofMillis(10);

        /** Longest subtitle cue for a transcript line that has no end time. */
        private Duration maxCueDuration = Duration.ofSeconds(5);

        /** Opus audio: {@code decode} (PCM to the sinks, WAV), {@code keep} (Opus packets, Ogg Opus) or {@code both}. */
        private String opus = "decode";

        /** H.264 video and screen share: {@code mp4} (fragmented MP4) or {@code annex-b}. */
        private String h264 = "mp4";

        public String getOpus() {
            return opus;
        }

        public void setOpus(String opus) {
            this.opus = opus;
        }

        public String getH264() {
            return h264;
        }

        public void setH264(String h264) {
            this.h264 = h264;
        }

        public Duration getHeaderRefreshInterval() {
            return headerRefreshInterval;
        }

        public void setHeaderRefreshInterval(Duration headerRefreshInterval) {
            this.headerRefreshInterval = headerRefreshInterval;
        }

        public boolean isDeleteOnRevoke() {
            return deleteOnRevoke;
        }

        public void setDeleteOnRevoke(boolean deleteOnRevoke) {
            this.deleteOnRevoke = deleteOnRevoke;
        }

        public boolean isRecoverOnStart() {
            return recoverOnStart;
        }

        public void setRecoverOnStart(boolean recoverOnStart) {
            this.recoverOnStart = recoverOnStart;
        }

        public DataSize getWriteBufferSize() {
            return writeBufferSize;
        }

        public void setWriteBufferSize(DataSize writeBufferSize) {
            this.writeBufferSize = writeBufferSize;
        }

        public Duration getMaxWriteDelay() {
            return maxWriteDelay;
        }

        public void setMaxWriteDelay(Duration maxWriteDelay) {
            this.maxWriteDelay = maxWriteDelay;
        }

        public Duration getMaxCueDuration() {
            return maxCueDuration;
        }

        public void setMaxCueDuration(Duration maxCueDuration) {
            this.maxCueDuration = maxCueDuration;
        }
    }
}
