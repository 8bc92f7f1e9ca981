package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Checks the media part of a media handshake (msg 3), after its identity has passed
 * {@link HandshakeCheck}: the {@code media_type} against the socket's URL and the app's scopes, the
 * other media connections of the stream (no second socket for a kind, no {@code all} mixed
 * with others), payload encryption, and the {@code media_params}. Decides only; the
 * {@link StreamEngine} accepts or refuses.
 */
final class MediaHandshakeCheck {

    /** What the check decided: a refusal, or the kinds and params to accept the socket with and the echo for msg 4. */
    record Result(ServerStatus.Refusal refusal, Set<MediaKind> kinds, MediaParams params, ObjectNode echo) {
        boolean ok() {
            return refusal == null;
        }

        static Result refused(int code, String reason) {
            return new Result(new ServerStatus.Refusal(code, reason), null, null, null);
        }
    }

    private MediaHandshakeCheck() {
    }

    /**
     * @param c       the socket the handshake came on
     * @param others  the stream's media connections (may include {@code c})
     * @param allowed the kinds the app's scopes allow
     */
    static Result check(JsonNode msg, Connection c, Collection<Connection> others, Set<MediaKind> allowed) {
        JsonNode mt = msg.get("media_type");
        if (mt == null || !mt.isIntegralNumber() || !mt.canConvertToInt() || mt.asInt() < 0) {
            return Result.refused(ServerStatus.INVALID_MEDIA_TYPE, "invalid media_type: an unsigned integer bitmask is required");
        }
        int mask = mt.asInt();
        Set<MediaKind> kinds;
        if (c.isAll()) {
            if ((mask & MediaKind.ALL_BIT) != 0 && mask <= 63) {
                kinds = EnumSet.noneOf(MediaKind.class);
                kinds.addAll(allowed);
            } else if (mask >= 1 && mask <= 31) {
                kinds = MediaKind.fromMask(mask);
            } else {
                return Result.refused(ServerStatus.MEDIA_TYPE_INVALID_VALUE, "media_type " + mask + " is not a valid bitmask");
            }
        } else {
            MediaKind k = MediaOffer.kindOfUrlKey(c.urlKey);
            if (mask != k.bit()) {
                return Result.refused(ServerStatus.MEDIA_TYPE_INVALID_VALUE,
                        "media_type " + mask + " does not match the " + c.urlKey + " URL, which takes " + k.bit());
            }
            kinds = EnumSet.of(k);
        }
        for (MediaKind k : kinds) {
            if (!allowed.contains(k)) {
                return Result.refused(ServerStatus.MEDIA_TYPE_AUDIO_NOT_SUPPORT + k.ordinal(),
                        "media type " + k + " is not supported: the app's scopes do not include it");
            }
        }
        if (kinds.isEmpty()) {
            return Result.refused(ServerStatus.MEDIA_TYPE_INVALID_VALUE, "media_type names no media the app may receive");
        }
        Result conflict = conflict(c, kinds, others);
        if (conflict != null) {
            return conflict;
        }
        if (msg.path("payload_encryption").asBoolean(false)) {
            return Result.refused(ServerStatus.INVALID_PAYLOAD, "payload encryption is not enabled for this app");
        }
        MediaParamsNegotiator.Result negotiated = MediaParamsNegotiator.negotiate(msg.get("media_params"), kinds);
        if (!negotiated.ok()) {
            return new Result(negotiated.refusal(), null, null, null);
        }
        return new Result(null, kinds, negotiated.params(), negotiated.echo());
    }

    /** Another live or pending media connection that already carries one of {@code kinds}, or an {@code all} mix. */
    private static Result conflict(Connection c, Set<MediaKind> kinds, Collection<Connection> others) {
        for (Connection o : others) {
            if (o == c || o.closed || !(o.handshaken || o.pending)) {
                continue;
            }
            if (o.isAll() || c.isAll()) {
                return Result.refused(ServerStatus.MEDIA_DATA_ALL_CONNECTION_EXIST,
                        "media data all connection exist: an all connection cannot be combined with other media connections");
            }
            if (o.kinds.stream().anyMatch(kinds::contains)) {
                return Result.refused(ServerStatus.DUPLICATE_MEDIA_DATA_CONNECTION, "duplicate media data connection for " + c.urlKey);
            }
        }
        return null;
    }
}
