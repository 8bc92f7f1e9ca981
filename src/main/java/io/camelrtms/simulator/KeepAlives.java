package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Keeps a stream's sockets alive the way Zoom does: a msg 12 to each socket that has been idle for
 * the interval (recorded for tests), each answer (msg 13) matched to its request, and a socket that
 * left too many unanswered handed back as timed out. The rule itself is {@link KeepAliveMonitor}'s.
 * Confined to the stream's context.
 */
final class KeepAlives {

    private final KeepAliveMonitor monitor;
    private final SimulatedStream stream;
    private final Violations violations;

    KeepAlives(SimulatorConfig config, SimulatedStream stream, Violations violations) {
        this.monitor = new KeepAliveMonitor(config.keepAliveIntervalMillis(), config.keepAliveMissLimit());
        this.stream = stream;
        this.violations = violations;
    }

    /** How often {@link #check} should run. */
    long checkPeriodMillis() {
        return monitor.checkPeriodMillis();
    }

    /**
     * Sends a keep-alive to each of {@code sockets} that is due one, and hands those that have timed out
     * to {@code onTimeout}; stops as soon as the stream has {@code ended}.
     */
    void check(List<Connection> sockets, BooleanSupplier ended, Consumer<Connection> onTimeout) {
        long now = System.nanoTime();
        for (Connection c : sockets) {
            if (c.closed || ended.getAsBoolean()) {
                continue;
            }
            switch (monitor.check(c, now)) {
                case SEND -> {
                    KeepAliveRecord r = monitor.request(c, now);
                    stream.record(r);
                    c.send(ServerMessages.keepAlive(r.timestamp), false);
                }
                case TIMED_OUT -> onTimeout.accept(c);
                default -> {
                }
            }
        }
    }

    /** A msg 13 arrived on {@code c}: it must echo a request of that very socket. */
    void answer(Connection c, JsonNode msg, Iterable<Connection> everyConnection) {
        JsonNode ts = msg.get("timestamp");
        if (ts == null || !ts.isIntegralNumber()) {
            violations.record(Violation.Kind.KEEP_ALIVE_ECHO_MISMATCH, c, "msg 13 without an integer timestamp");
            return;
        }
        StringBuilder detail = new StringBuilder();
        Violation.Kind wrong = monitor.answer(c, ts.asLong(), everyConnection, detail);
        if (wrong != null) {
            violations.record(wrong, c, detail.toString());
        }
    }
}
