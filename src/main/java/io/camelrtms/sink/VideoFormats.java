package io.camelrtms.sink;

import java.util.Locale;

/** The file format of a video or deskshare payload: from the codec header, else from its first bytes. */
public final class VideoFormats {

    private VideoFormats() {
    }

    /** {@code h264}, {@code jpg} or {@code png}; an unknown payload is kept as H.264 Annex-B. */
    public static String of(String codecHeader, byte[] data) {
        if (codecHeader != null) {
            switch (codecHeader.trim().toUpperCase(Locale.ROOT)) {
                case "JPG", "JPEG" -> {
                    return "jpg";
                }
                case "PNG" -> {
                    return "png";
                }
                case "H264" -> {
                    return "h264";
                }
                default -> {
                    // fall through to sniffing
                }
            }
        }
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return "jpg";
        }
        if (data.length >= 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
            return "png";
        }
        return "h264";
    }
}
