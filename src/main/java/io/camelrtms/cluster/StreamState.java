package io.camelrtms.cluster;

import io.camelrtms.client.Outage;
import io.camelrtms.protocol.ControlMessage;
import java.util.List;

/**
 * One live stream as the state topic keeps it: what a new owner needs to rejoin it, and who runs it.
 *
 * @param channel   the rtms: channel it runs on
 * @param started   the start control message, with the server URL(s)
 * @param ownerNode the node running it (or that ran it last)
 * @param epoch     the consumer group generation in which the owner got the stream's partition: a record with a
 *                  higher epoch from another node fences this one off the stream
 * @param partition the control topic partition of the stream's key
 * @param updatedAt epoch ms this record was written
 * @param leftAt    epoch ms the owner left the stream for another node (hand-over), else 0
 * @param outages   takeovers before the current owner ran it, oldest first
 */
public record StreamState(String channel, ControlMessage started, String ownerNode, int epoch, int partition,
                          long updatedAt, long leftAt, List<Outage> outages) {

    public StreamState {
        outages = outages == null ? List.of() : List.copyOf(outages);
    }

    public String streamId() {
        return started.streamId();
    }
}
