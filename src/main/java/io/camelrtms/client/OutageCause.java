package io.camelrtms.client;

/** Why a stream stopped receiving for a while: the reconnect cause reported in lifecycle events and metrics. */
public enum OutageCause {
    /** The signaling socket closed or could not be reached: full reconnect. */
    SIGNALING_LOST,
    /** One media socket closed, or Zoom reported a media interruption: that socket alone reconnects. */
    MEDIA_LOST,
    /** A new start webhook for the stream: Zoom moved it to another server. */
    FAILOVER,
    /** The interrupted webhook: Zoom cut the connections and waits for a full reconnect. */
    INTERRUPTED_WEBHOOK,
    /** Neither keep-alives nor data arrived within the inactivity timeout. */
    INACTIVITY,
    /** Another node of a cluster took the stream over: its owner died, was fenced or handed it over. */
    TAKEOVER
}
