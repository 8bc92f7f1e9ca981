package io.camelrtms.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A window in which a stream was not receiving (epoch ms). Media Zoom sent in it may be missing;
 * {@code to} is 0 while the outage lasts. A {@link OutageCause#TAKEOVER} names the cluster node that
 * ran the stream before ({@code fromNode}) and the one that took it ({@code toNode}); other outages
 * have neither.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outage(long from, long to, OutageCause cause, String detail, String fromNode, String toNode) {

    public Outage(long from, long to, OutageCause cause, String detail) {
        this(from, to, cause, detail, null, null);
    }

    public long millis() {
        return to == 0 ? 0 : to - from;
    }
}
