package io.camelrtms.protocol;

/**
 * An enum constant that travels on the wire as an integer. Zoom sends integers, never names, and
 * adds values over time, so lookups return {@code null} (or an UNKNOWN constant) for codes this
 * version does not know instead of failing.
 */
public interface WireCode {

    int code();

    static <E extends Enum<E> & WireCode> E byCode(Class<E> type, int code) {
        for (E e : type.getEnumConstants()) {
            if (e.code() == code) {
                return e;
            }
        }
        return null;
    }
}
