package io.camelrtms.webhook;

import io.camelrtms.protocol.ControlMessage;

/**
 * The identity of a webhook delivery for deduplication. Zoom retries a delivery it thinks failed with
 * the same event, stream and {@code event_ts} (but a new request timestamp and signature), whereas a
 * real repeat, such as a failover {@code rtms_started}, carries a new {@code event_ts}.
 */
public final class WebhookDedupeKey {

    private WebhookDedupeKey() {
    }

    /** {@code event|rtms_stream_id|event_ts}; {@code -} stands for a missing stream id (account events). */
    public static String of(ControlMessage message) {
        String stream = message.streamId() != null ? message.streamId() : "-";
        return message.event() + "|" + stream + "|" + message.eventTs();
    }
}
