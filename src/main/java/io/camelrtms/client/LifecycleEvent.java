package io.camelrtms.client;

import java.util.List;

/**
 * One lifecycle change of a stream.
 *
 * @param kind        what changed
 * @param time        local epoch ms of the change
 * @param stopReason  STOPPED: the RTMS stop reason code; otherwise {@code null}
 * @param detail      a human-readable cause, e.g. "media socket audio closed" (never a secret)
 * @param serverUrl   the signaling URL in use
 * @param reconnects  how many times this stream has reconnected so far
 * @param outageMillis RECONNECTED: how long the interruption lasted; otherwise 0
 * @param outages     every outage of the stream so far, for loss accounting
 * @param resumed     STARTED: the stream was rejoined by a restarted client, recordings continue
 */
public record LifecycleEvent(Lifecycle kind, long time, Integer stopReason, String detail, String serverUrl,
                             int reconnects, long outageMillis, List<Outage> outages, boolean resumed) {

    public LifecycleEvent {
        outages = outages == null ? List.of() : List.copyOf(outages);
    }
}
