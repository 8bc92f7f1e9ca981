package io.camelrtms.protocol;

import java.util.Locale;

/** MEDIA_PAYLOAD_TYPE: the codec field of audio, video and deskshare params (docs/protocol.md#media-enums). */
public enum Codec implements WireCode {
    L16(1), G711(2), G722(3), OPUS(4), JPG(5), PNG(6), H264(7);

    private final int code;

    Codec(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public boolean isAudio() {
        return code <= 4;
    }

    public static Codec of(int code) {
        return WireCode.byCode(Codec.class, code);
    }

    public static Codec parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.equals("PCM") || v.equals("RAW")) {
            return L16;
        }
        if (v.equals("PCMA") || v.equals("ALAW") || v.equals("A-LAW")) {
            return G711;
        }
        if (v.equals("JPEG")) {
            return JPG;
        }
        return valueOf(v);
    }
}
