package io.camelrtms.client;

import io.camelrtms.protocol.StatusCode;

/**
 * Whether, and after how long, a stream tries again after a refused handshake or a lost connection
 * (docs/protocol.md#reconnection): per category of refusal a limit of attempts, the doubling backoff,
 * and the windows within which Zoom still lets a stream reconnect. Decides only; its
 * {@link StreamSession} acts. Not thread-safe; used on the session's event loop.
 */
final class ReconnectPolicy {

    /** Try again after {@code delayMillis}, or give up when {@code failure} is not {@code null}. */
    record Decision(long delayMillis, String failure) {

        static Decision retryAfter(long delayMillis) {
            return new Decision(delayMillis, null);
        }

        static Decision giveUp(String why) {
            return new Decision(-1, why);
        }
    }

    private final StreamSettings settings;
    private final Backoff backoff;
    private int signalingRefusals;
    private int duplicateRefusals;

    ReconnectPolicy(StreamSettings settings) {
        this.settings = settings;
        this.backoff = new Backoff(settings.reconnectDelayMillis(), settings.reconnectMaxDelayMillis());
    }

    /** The category of a refusal; a handshake that got no answer ({@code status < 0}) is OTHER. */
    static StatusCode.Category categoryOf(int status, String reason) {
        return status < 0 ? StatusCode.Category.OTHER : StatusCode.classify(status, reason);
    }

    /**
     * The signaling handshake was refused: a duplicate waits for the old connection to go (a delay
     * doubling per refusal), authentication and other refusals back off up to their attempt limits,
     * an invalid request is not worth repeating.
     */
    Decision afterSignalingRefusal(int status, String reason) {
        return switch (categoryOf(status, reason)) {
            case DUPLICATE -> ++duplicateRefusals > settings.duplicateRetries()
                    ? Decision.giveUp("signaling refused as a duplicate " + duplicateRefusals + " times")
                    : Decision.retryAfter(settings.duplicateRetryDelayMillis() << (duplicateRefusals - 1));
            case AUTHENTICATION -> ++signalingRefusals >= settings.maxAuthAttempts()
                    ? Decision.giveUp("signaling handshake refused (authentication), status " + status + ": " + reason)
                    : Decision.retryAfter(backoff.nextDelay());
            case INVALID_REQUEST -> Decision.giveUp("signaling handshake refused as invalid, status " + status + ": " + reason);
            default -> ++signalingRefusals >= settings.maxHandshakeAttempts()
                    ? Decision.giveUp("signaling handshake refused " + signalingRefusals + " times, last status " + status + ": " + reason)
                    : Decision.retryAfter(backoff.nextDelay());
        };
    }

    /**
     * A media handshake was refused, the {@code refusals}-th time on that socket: why to give up, or
     * {@code null} to reconnect that socket.
     */
    String afterMediaRefusal(String socketKey, int status, String reason, int refusals) {
        StatusCode.Category category = categoryOf(status, reason);
        if (category == StatusCode.Category.INVALID_REQUEST) {
            return "media handshake on " + socketKey + " refused as invalid (check the media parameters), status " + status + ": " + reason;
        }
        int limit = category == StatusCode.Category.AUTHENTICATION ? settings.maxAuthAttempts() : settings.maxHandshakeAttempts();
        return refusals >= limit
                ? "media handshake on " + socketKey + " refused " + refusals + " times, last status " + status + ": " + reason
                : null;
    }

    /** Signaling is lost, the outage having lasted {@code outageMillis}: back off, within the signaling window. */
    Decision afterSignalingLost(long outageMillis, String why) {
        return outageMillis >= settings.signalingReconnectWindowMillis()
                ? Decision.giveUp("could not reconnect within " + settings.signalingReconnectWindowMillis() + " ms: " + why)
                : Decision.retryAfter(backoff.nextDelay());
    }

    /** A media socket lost for {@code lostMillis}: why to give up, or {@code null} to reconnect it within the media window. */
    String afterMediaLost(String socketKey, long lostMillis, String why) {
        return lostMillis >= settings.mediaReconnectWindowMillis()
                ? "media socket " + socketKey + " could not reconnect within " + settings.mediaReconnectWindowMillis() + " ms: " + why
                : null;
    }

    /** The signaling handshake succeeded: refusals start counting afresh. */
    void signalingAccepted() {
        signalingRefusals = 0;
        duplicateRefusals = 0;
    }

    /** Every socket is streaming: the next outage backs off from the initial delay. */
    void streaming() {
        backoff.reset();
    }

    /** A reconnect forced from outside (failover, interrupted webhook) starts without backoff or earlier refusals. */
    void reconnectingNow() {
        backoff.reset();
        signalingRefusals = 0;
    }
}
