package io.camelrtms.protocol;

/** MEDIA_RESOLUTION (docs/protocol.md#media-enums). */
public enum Resolution implements WireCode {
    SD(1), HD(2), FHD(3), QHD(4);

    private final int code;

    Resolution(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static Resolution of(int code) {
        return WireCode.byCode(Resolution.class, code);
    }
}
