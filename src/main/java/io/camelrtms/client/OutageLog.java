package io.camelrtms.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The outages of one stream: when the current one began and why (it bounds the reconnect window and
 * is reported when the stream streams again), and the finished ones. Written on the stream's event
 * loop; {@link #finished()} may be read from any thread.
 */
final class OutageLog {

    /** When the current outage began, 0 when there is none. */
    private long since;
    private OutageCause cause;
    private String detail;
    private final List<Outage> finished = new CopyOnWriteArrayList<>();

    /** Starts timing an outage unless one is under way; true when this call started it. */
    boolean begin(long now, OutageCause cause, String detail) {
        if (since != 0) {
            return false;
        }
        since = now;
        this.cause = cause;
        this.detail = detail;
        return true;
    }

    /** Names the cause of the current outage, when a later sign says better why it began (a failover). */
    void blame(OutageCause cause, String detail) {
        this.cause = cause;
        this.detail = detail;
    }

    boolean ongoing() {
        return since != 0;
    }

    /** How long the current outage has lasted at {@code now}; 0 without one. */
    long lasted(long now) {
        return since == 0 ? 0 : now - since;
    }

    /** Ends the current outage, if any, and lists it when {@code record}. */
    void end(long now, boolean record) {
        if (since != 0 && record) {
            finished.add(new Outage(since, now, cause, detail));
        }
        since = 0;
    }

    /** The finished outages, a live list (the current one is not in it until it ends). */
    List<Outage> finished() {
        return finished;
    }
}
