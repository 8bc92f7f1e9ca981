package io.camelrtms.sink.file;

import java.util.Locale;

/**
 * How the file sink stores H.264 video and screen share ({@code rtms.recording.h264}): fragmented
 * MP4 that players open (the default), or the Annex-B elementary stream as Zoom sent it.
 */
public enum H264Container {
    MP4("mp4"), ANNEX_B("h264");

    private final String extension;

    H264Container(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** {@code mp4} or {@code annex-b}, in any case. */
    public static H264Container parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rtms.recording.h264 must be mp4 or annex-b, not '" + value + "'");
        }
    }
}
