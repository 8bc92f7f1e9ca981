package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camelrtms.client.StreamLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class WarmupLogFilterTest {

    private final Logger log = (Logger) LoggerFactory.getLogger(WarmupLogFilterTest.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        log.addAppender(lines);
    }

    @AfterEach
    void release() {
        log.detachAppender(lines);
        MDC.clear();
    }

    private void logFor(String streamId, String text) {
        MDC.put(StreamLog.STREAM_ID, streamId);
        log.info(text);
        log.warn(text + " (warning)");
        MDC.remove(StreamLog.STREAM_ID);
    }

    @Test
    void whileInstalledOnlyTheWarmUpStreamsInfoLinesAreDropped() throws Exception {
        try (AutoCloseable filter = WarmupLogFilter.install("rtmswarmup")) {
            logFor("rtmswarmup7", "warm-up stream connected");
            logFor("82531e94d4209da7204109169bc58b0e", "real stream connected");
            log.info("no stream");
        }
        logFor("rtmswarmup8", "after the warm-up");

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "warm-up stream connected (warning)",
                "real stream connected", "real stream connected (warning)",
                "no stream",
                "after the warm-up", "after the warm-up (warning)");
    }
}
