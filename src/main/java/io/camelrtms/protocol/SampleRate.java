package io.camelrtms.protocol;

/** AUDIO_SAMPLE_RATE: the wire sends an index, not hertz (docs/protocol.md#media-enums). */
public enum SampleRate implements WireCode {
    SR_8K(0, 8000), SR_16K(1, 16000), SR_32K(2, 32000), SR_48K(3, 48000);

    private final int code;
    private final int hertz;

    SampleRate(int code, int hertz) {
        this.code = code;
        this.hertz = hertz;
    }

    @Override
    public int code() {
        return code;
    }

    public int hertz() {
        return hertz;
    }

    public static SampleRate of(int code) {
        return WireCode.byCode(SampleRate.class, code);
    }

    public static SampleRate ofHertz(int hertz) {
        for (SampleRate r : values()) {
            if (r.hertz == hertz) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unsupported RTMS sample rate " + hertz + " Hz; expected 8000, 16000, 32000 or 48000");
    }
}
