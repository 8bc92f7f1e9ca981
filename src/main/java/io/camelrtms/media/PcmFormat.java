package io.camelrtms.media;

/**
 * The shape of signed 16-bit little-endian PCM (s16le): sample rate and channel count. A frame is
 * one sample for every channel, so a frame is {@code 2 * channels} bytes.
 *
 * @param sampleRate samples per second per channel, in hertz
 * @param channels   1 (mono) or 2 (stereo, interleaved)
 */
public record PcmFormat(int sampleRate, int channels) {

    public static final int BITS_PER_SAMPLE = 16;
    public static final int BYTES_PER_SAMPLE = 2;

    public PcmFormat {
        if (sampleRate < 1000 || sampleRate > 384_000) {
            throw new IllegalArgumentException("Unsupported sample rate " + sampleRate + " Hz");
        }
        if (channels < 1 || channels > 2) {
            throw new IllegalArgumentException("Unsupported channel count " + channels + "; expected 1 or 2");
        }
    }

    /** Bytes of one frame (one sample per channel). */
    public int bytesPerFrame() {
        return BYTES_PER_SAMPLE * channels;
    }

    /** Bytes per second of audio. */
    public int byteRate() {
        return sampleRate * bytesPerFrame();
    }

    /**
     * The frame index of a point in time, {@code millis} after the origin. Computed from the origin
     * every time (never accumulated) so positions stay sample-exact and never drift.
     */
    public long framesAt(long millis) {
        return Math.floorDiv(millis * sampleRate, 1000L);
    }

    /** Duration of {@code frames} frames in whole milliseconds (rounded down). */
    public long millisOf(long frames) {
        return frames * 1000L / sampleRate;
    }

    @Override
    public String toString() {
        return "s16le " + sampleRate + " Hz " + (channels == 1 ? "mono" : "stereo");
    }
}
