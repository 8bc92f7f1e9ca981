package io.camelrtms.client;

import java.util.Collection;
import java.util.List;

/**
 * What a stream tells its listener about its connection: started, connected, interrupted,
 * reconnected, stopped or failed, each with the outages so far and how many reconnects it took.
 * Keeps that history (the outages, the reconnect count, whether and when the stream was last
 * streaming) so every report carries it. Used on the session's event loop; the counts may be read
 * from any thread.
 */
final class LifecycleReporter {

    private final StreamSession session;
    private final StreamListener listener;
    private final StreamLog log;
    private final boolean resumed;
    private final OutageLog outages = new OutageLog();
    private volatile int reconnects;
    private boolean everConnected;
    private long lastConnectedAt;

    LifecycleReporter(StreamSession session, StreamListener listener, StreamLog log, boolean resumed) {
        this.session = session;
        this.listener = listener;
        this.log = log;
        this.resumed = resumed;
    }

    int reconnects() {
        return reconnects;
    }

    /** The outages so far (the current one, if any, is not listed until it ends). */
    List<Outage> outages() {
        return List.copyOf(outages.finished());
    }

    /** When the stream was last streaming again on every socket; 0 before. */
    long lastConnectedAt() {
        return lastConnectedAt;
    }

    void started() {
        report(Lifecycle.STARTED, null, resumed ? "rejoining after a restart" : "start webhook received", 0);
    }

    /** Starts timing an outage and, for a stream that had been streaming, reports it once. */
    void outageBegins(long now, OutageCause cause, String why) {
        if (outages.begin(now, cause, why) && everConnected) {
            report(Lifecycle.INTERRUPTED, null, why, 0);
        }
    }

    /** The current outage is blamed on {@code cause}, whatever began it. */
    void blame(OutageCause cause, String why) {
        outages.blame(cause, why);
    }

    /** How long the current outage has lasted at {@code now}; 0 if there is none. */
    long outageLasted(long now) {
        return outages.lasted(now);
    }

    /** Every media socket is streaming on {@code sockets}: connected the first time, reconnected after an outage. */
    void streaming(Collection<String> sockets) {
        long now = System.currentTimeMillis();
        long outage = outages.lasted(now);
        boolean wasInterrupted = outages.ongoing();
        outages.end(now, everConnected);
        lastConnectedAt = now;
        if (!everConnected) {
            everConnected = true;
            log.info("RTMS stream {} connected ({} media socket(s))", log.streamId(), sockets.size());
            report(Lifecycle.CONNECTED, null, "streaming on " + sockets, 0);
        } else if (wasInterrupted) {
            reconnects++;
            log.info("RTMS stream {} reconnected after {} ms", log.streamId(), outage);
            report(Lifecycle.RECONNECTED, null, "streaming again on " + sockets, outage);
        }
    }

    /** The stream is ending: an outage still going on ends with it, if the stream ever streamed. */
    void ending() {
        if (everConnected) {
            outages.end(System.currentTimeMillis(), true);
        }
    }

    void report(Lifecycle kind, Integer stopReason, String detail, long outageMillis) {
        listener.onLifecycle(session, new LifecycleEvent(kind, System.currentTimeMillis(), stopReason, detail,
                session.target().signalingUrl(), reconnects, outageMillis, outages.finished(), resumed && kind == Lifecycle.STARTED));
    }
}
