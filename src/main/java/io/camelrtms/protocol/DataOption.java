package io.camelrtms.protocol;

/** MEDIA_DATA_OPTION (docs/protocol.md#media-enums): how speakers or video participants are split into streams. */
public enum DataOption implements WireCode {
    AUDIO_MIXED_STREAM(1),
    AUDIO_MULTI_STREAMS(2),
    VIDEO_SINGLE_ACTIVE_STREAM(3),
    VIDEO_SINGLE_INDIVIDUAL_STREAM(4),
    VIDEO_MIXED_GALLERY_VIEW(5);

    private final int code;

    DataOption(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static DataOption of(int code) {
        return WireCode.byCode(DataOption.class, code);
    }
}
