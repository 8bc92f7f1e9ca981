package io.camelrtms.component;

/**
 * Why this node leaves a stream open for another run to rejoin. It decides what the stream's last
 * exchange may still do: flush and close its files, or only let go of them.
 */
public enum LeaveReason {

    /**
     * This node still owns the stream until the next run joins it (shutdown with LEAVE, a cluster's
     * hand-over on revocation): everything received reaches the route, and sinks flush and close.
     */
    GRACEFUL,

    /**
     * This node lost its cluster lease or another node took the stream over under a newer epoch: the next
     * owner may already have continued, even finished, the stream's files. What is still queued for the
     * stream is discarded, and its last exchange carries {@value RtmsConstants#FENCED}=true so sinks let go
     * of the stream without writing anything.
     */
    FENCED
}
