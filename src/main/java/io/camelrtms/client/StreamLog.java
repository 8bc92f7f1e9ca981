package io.camelrtms.client;

import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Logs on behalf of one stream with its id and product in the MDC ({@value #STREAM_ID},
 * {@value #PRODUCT}), so structured logs can be filtered per stream. Event loops serve many
 * streams, so the MDC is set around each line rather than per thread.
 */
public final class StreamLog {

    public static final String STREAM_ID = "rtms.streamId";
    public static final String PRODUCT = "rtms.product";

    private final Logger log;
    private final String streamId;
    private final String product;

    public StreamLog(Logger log, String streamId, String product) {
        this.log = log;
        this.streamId = streamId;
        this.product = product;
    }

    public String streamId() {
        return streamId;
    }

    public void debug(String format, Object... args) {
        if (log.isDebugEnabled()) {
            try (MDC.MDCCloseable a = MDC.putCloseable(STREAM_ID, streamId); MDC.MDCCloseable b = MDC.putCloseable(PRODUCT, product)) {
                log.debug(format, args);
            }
        }
    }

    public void info(String format, Object... args) {
        try (MDC.MDCCloseable a = MDC.putCloseable(STREAM_ID, streamId); MDC.MDCCloseable b = MDC.putCloseable(PRODUCT, product)) {
            log.info(format, args);
        }
    }

    public void warn(String format, Object... args) {
        try (MDC.MDCCloseable a = MDC.putCloseable(STREAM_ID, streamId); MDC.MDCCloseable b = MDC.putCloseable(PRODUCT, product)) {
            log.warn(format, args);
        }
    }

    public void error(String format, Object... args) {
        try (MDC.MDCCloseable a = MDC.putCloseable(STREAM_ID, streamId); MDC.MDCCloseable b = MDC.putCloseable(PRODUCT, product)) {
            log.error(format, args);
        }
    }
}
