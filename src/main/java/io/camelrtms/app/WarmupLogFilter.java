package io.camelrtms.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.camelrtms.client.StreamLog;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Keeps the start-up warm-up's streams out of the log while it runs: their per-stream INFO lines
 * (connected, recording finished: two per stream, dozens in all) interleaved with the lines of real
 * streams that may already be arriving. The component and the file sink log a stream's lines with its
 * id in the MDC ({@link StreamLog#STREAM_ID}), so lines of streams whose id starts with the warm-up's
 * prefix are dropped at INFO and below; warnings and errors, and every other stream, pass. Installed
 * only for the warm-up and only when Logback is the logging backend (Spring Boot's default).
 */
final class WarmupLogFilter extends TurboFilter {

    private final String streamIdPrefix;

    private WarmupLogFilter(String streamIdPrefix) {
        this.streamIdPrefix = streamIdPrefix;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        String streamId = MDC.get(StreamLog.STREAM_ID);
        return streamId != null && streamId.startsWith(streamIdPrefix) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /** Installs a filter for streams whose id starts with the prefix; close the result to remove it. */
    static AutoCloseable install(String streamIdPrefix) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> { };
        }
        WarmupLogFilter filter = new WarmupLogFilter(streamIdPrefix);
        filter.start();
        context.addTurboFilter(filter);
        return () -> context.getTurboFilterList().remove(filter);
    }
}
