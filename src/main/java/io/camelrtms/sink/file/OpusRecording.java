package io.camelrtms.sink.file;

import java.util.Locale;

/**
 * What happens to Opus audio ({@code rtms.recording.opus}): decoded to PCM for every sink and
 * recorded as WAV (the default), kept as Zoom sent it (sinks get the Opus packets, the file sink
 * writes Ogg Opus), or both (sinks get PCM, the file sink writes WAV and Ogg Opus).
 */
public enum OpusRecording {
    DECODE, KEEP, BOTH;

    /** Whether the decode step decodes Opus. */
    public boolean decodes() {
        return this != KEEP;
    }

    /** Whether the file sink writes Ogg Opus. */
    public boolean writesOgg() {
        return this != DECODE;
    }

    /** {@code decode}, {@code keep} or {@code both}, in any case. */
    public static OpusRecording parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("rtms.recording.opus must be decode, keep or both, not '" + value + "'");
        }
    }
}
