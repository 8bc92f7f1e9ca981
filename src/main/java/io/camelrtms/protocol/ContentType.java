package io.camelrtms.protocol;

/** MEDIA_CONTENT_TYPE (docs/protocol.md#media-enums). */
public enum ContentType implements WireCode {
    RTP(1), RAW_AUDIO(2), RAW_VIDEO(3), FILE_STREAM(4), TEXT(5);

    private final int code;

    ContentType(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static ContentType of(int code) {
        return WireCode.byCode(ContentType.class, code);
    }
}
