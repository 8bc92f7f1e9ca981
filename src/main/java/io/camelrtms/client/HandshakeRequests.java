package io.camelrtms.client;

import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.RtmsMessages;
import io.camelrtms.protocol.Signatures;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests that set a stream up (docs/protocol.md): the signaling handshake (msg 1), the event
 * subscription that follows it (msg 5) and each media socket's handshake (msg 3), signed with the
 * app's credentials and numbered in the order they are sent. Used on the session's event loop.
 */
final class HandshakeRequests {

    private final StreamSettings settings;
    /** The handshake signature; {@code null} without a client id and secret. */
    private final String signature;
    private int sequence;

    HandshakeRequests(StreamSettings settings, StreamTarget target) {
        this.settings = settings;
        this.signature = settings.clientId() == null || settings.clientId().isEmpty()
                || settings.clientSecret() == null || settings.clientSecret().isEmpty()
                ? null
                : Signatures.handshake(settings.clientId(), settings.clientSecret(), target.entityId(), target.streamId());
    }

    /** Whether requests can be signed: a client id and secret are configured. */
    boolean canSign() {
        return signature != null;
    }

    String signaling(StreamTarget target) {
        return RtmsMessages.signalingHandshake(target.product(), target.entityId(), target.streamId(), signature,
                ++sequence, settings.bufferData());
    }

    /**
     * The configured event subscriptions, or the product's defaults, always with media interruptions:
     * the reconnection contract depends on hearing about them (docs/protocol.md#event-subscription).
     */
    String eventSubscription(StreamTarget target) {
        List<Integer> events = new ArrayList<>(settings.eventSubscriptions() != null
                ? settings.eventSubscriptions() : EventType.defaultSubscriptions(target.product()));
        if (!events.contains(EventType.MEDIA_CONNECTION_INTERRUPTED)) {
            events.add(EventType.MEDIA_CONNECTION_INTERRUPTED);
        }
        return RtmsMessages.eventSubscription(events);
    }

    String media(StreamTarget target, MediaConnection mc) {
        return RtmsMessages.mediaHandshake(target.product(), target.entityId(), target.streamId(), signature,
                ++sequence, mc.mediaTypeMask, mc.requested);
    }
}
