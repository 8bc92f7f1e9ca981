package io.camelrtms.client;

import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a client asks of every stream it joins and how patiently it reconnects. Defaults follow
 * Zoom's documented wire defaults and reconnection contract (docs/protocol.md#media-parameters, #reconnection).
 *
 * @param mediaKinds        the kinds to receive
 * @param allMedia          the kinds were asked for as "all": in split mode, only kinds the media
 *                          server offers a URL for are opened (an app's scopes limit them)
 * @param unified           one media socket to the {@code all} URL instead of one per kind
 * @param mediaParams       requested {@code media_params}; members for kinds not received are ignored
 * @param eventSubscriptions event types to subscribe to with msg 5 (7 is always added); {@code null}
 *                          for the product's defaults ({@link io.camelrtms.protocol.EventType#defaultSubscriptions})
 * @param videoSelection    whose individual video to subscribe to (needs video data option 4)
 * @param maxVideoSubscriptions the most individual videos subscribed at once (Zoom's default limit is four)
 */
public record StreamSettings(
        String clientId,
        String clientSecret,
        Set<MediaKind> mediaKinds,
        boolean allMedia,
        boolean unified,
        MediaParams mediaParams,
        boolean bufferData,
        List<Integer> eventSubscriptions,
        long connectTimeoutMillis,
        long handshakeTimeoutMillis,
        long inactivityTimeoutMillis,
        long reconnectDelayMillis,
        long reconnectMaxDelayMillis,
        long signalingReconnectWindowMillis,
        long mediaReconnectWindowMillis,
        int maxHandshakeAttempts,
        int maxAuthAttempts,
        int duplicateRetries,
        long duplicateRetryDelayMillis,
        long closeTimeoutMillis,
        VideoSelection videoSelection,
        int maxVideoSubscriptions) {

    public StreamSettings {
        videoSelection = videoSelection == null ? VideoSelection.NONE : videoSelection;
        mediaKinds = mediaKinds.isEmpty() ? EnumSet.noneOf(MediaKind.class) : EnumSet.copyOf(mediaKinds);
        eventSubscriptions = eventSubscriptions == null ? null : List.copyOf(eventSubscriptions);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder whose defaults are the documented defaults of the {@code rtms:} endpoint. */
    public static final class Builder {
        private String clientId;
        private String clientSecret;
        private Set<MediaKind> mediaKinds = EnumSet.allOf(MediaKind.class);
        private boolean allMedia = true;
        private boolean unified;
        private MediaParams mediaParams = new MediaParams(MediaParams.Audio.WIRE_DEFAULT, null, null, null, null);
        private boolean bufferData = true;
        private List<Integer> eventSubscriptions;
        private long connectTimeoutMillis = 10_000;
        private long handshakeTimeoutMillis = 10_000;
        private long inactivityTimeoutMillis = 30_000;
        private long reconnectDelayMillis = 3_000;
        private long reconnectMaxDelayMillis = 30_000;
        private long signalingReconnectWindowMillis = 60_000;
        private long mediaReconnectWindowMillis = 30_000;
        private int maxHandshakeAttempts = 3;
        private int maxAuthAttempts = 2;
        private int duplicateRetries = 3;
        private long duplicateRetryDelayMillis = 1_500;
        private long closeTimeoutMillis = 5_000;
        private VideoSelection videoSelection = VideoSelection.NONE;
        private int maxVideoSubscriptions = 4;

        public Builder credentials(String clientId, String clientSecret) {
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder mediaKinds(Set<MediaKind> kinds, boolean all) {
            this.mediaKinds = kinds;
            this.allMedia = all;
            return this;
        }

        public Builder unified(boolean unified) {
            this.unified = unified;
            return this;
        }

        public Builder mediaParams(MediaParams params) {
            this.mediaParams = params;
            return this;
        }

        public Builder bufferData(boolean bufferData) {
            this.bufferData = bufferData;
            return this;
        }

        public Builder eventSubscriptions(List<Integer> types) {
            this.eventSubscriptions = types;
            return this;
        }

        public Builder timeouts(long connectMillis, long handshakeMillis, long inactivityMillis, long closeMillis) {
            this.connectTimeoutMillis = connectMillis;
            this.handshakeTimeoutMillis = handshakeMillis;
            this.inactivityTimeoutMillis = inactivityMillis;
            this.closeTimeoutMillis = closeMillis;
            return this;
        }

        public Builder reconnect(long delayMillis, long maxDelayMillis, long signalingWindowMillis, long mediaWindowMillis) {
            this.reconnectDelayMillis = delayMillis;
            this.reconnectMaxDelayMillis = maxDelayMillis;
            this.signalingReconnectWindowMillis = signalingWindowMillis;
            this.mediaReconnectWindowMillis = mediaWindowMillis;
            return this;
        }

        public Builder handshakeRetries(int maxAttempts, int maxAuthAttempts, int duplicateRetries, long duplicateDelayMillis) {
            this.maxHandshakeAttempts = maxAttempts;
            this.maxAuthAttempts = maxAuthAttempts;
            this.duplicateRetries = duplicateRetries;
            this.duplicateRetryDelayMillis = duplicateDelayMillis;
            return this;
        }

        public Builder videoSubscriptions(VideoSelection selection, int max) {
            this.videoSelection = selection;
            this.maxVideoSubscriptions = max;
            return this;
        }

        public StreamSettings build() {
            return new StreamSettings(clientId, clientSecret, mediaKinds, allMedia, unified, mediaParams, bufferData,
                    eventSubscriptions, connectTimeoutMillis, handshakeTimeoutMillis, inactivityTimeoutMillis,
                    reconnectDelayMillis, reconnectMaxDelayMillis, signalingReconnectWindowMillis,
                    mediaReconnectWindowMillis, maxHandshakeAttempts, maxAuthAttempts, duplicateRetries,
                    duplicateRetryDelayMillis, closeTimeoutMillis, videoSelection, maxVideoSubscriptions);
        }
    }
}
