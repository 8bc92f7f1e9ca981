package io.camelrtms.simulator;

import java.time.Instant;

/** Records what a client did against the protocol on one stream, for tests to read, and logs it at DEBUG. */
final class Violations {

    private static final System.Logger LOG = System.getLogger(Violations.class.getName());

    private final SimulatedStream stream;

    Violations(SimulatedStream stream) {
        this.stream = stream;
    }

    void record(Violation.Kind kind, Connection c, String detail) {
        stream.record(new Violation(kind, c.role, c.urlKey, detail, Instant.now()));
        LOG.log(System.Logger.Level.DEBUG, "stream " + stream.streamId() + " " + c.describe() + ": " + kind + " " + detail);
    }
}
