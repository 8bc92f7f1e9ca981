package io.camelrtms.component;

import io.camelrtms.client.Outage;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one stream for status pages and APIs.
 *
 * @param phase        the connection state machine's phase ({@link io.camelrtms.client.SessionPhase} name)
 * @param lifecycle    the last lifecycle change reported to the route
 * @param startedAt    local epoch ms the start control message arrived
 * @param connectedAt  local epoch ms media first arrived, or 0
 * @param endedAt      local epoch ms of STOPPED or FAILED, or 0
 * @param mediaParams  the negotiated media params as JSON text, or null before the first media handshake
 * @param frames       messages received per media type
 * @param bytes        payload bytes received per media type
 * @param queued       messages waiting for the route
 * @param node         the cluster node running the stream; {@code null} without a cluster (left out of JSON)
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record StreamStatus(String channel, String streamId, String product, String entityKey, String entityId,
                           String region, String phase, String lifecycle, Integer stopReason, String stopReasonName,
                           long startedAt, long connectedAt, long endedAt, int reconnects, List<Outage> outages,
                           String mediaParams, Map<String, Long> frames, Map<String, Long> bytes, int queued,
                           String node) {
}
