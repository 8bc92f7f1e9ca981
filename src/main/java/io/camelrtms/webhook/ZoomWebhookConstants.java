package io.camelrtms.webhook;

/**
 * Names shared by {@link ZoomWebhookProcessor} and the {@code zoom-webhook} route. They are exchange
 * properties, not headers, because platform-http writes message headers back as response headers.
 */
public final class ZoomWebhookConstants {

    /** Request header carrying {@code v0=<hex HMAC>}. */
    public static final String SIGNATURE_HEADER = "x-zm-signature";

    /** Request header carrying the Unix time in seconds that the signature covers. */
    public static final String TIMESTAMP_HEADER = "x-zm-request-timestamp";

    /** Exchange property: the {@link WebhookOutcome} name once the processor has run. */
    public static final String OUTCOME = "RtmsWebhookOutcome";

    /** Exchange property: the key the route's idempotent consumer deduplicates on (see {@link WebhookDedupeKey}). */
    public static final String DEDUPE_KEY = "RtmsWebhookDedupeKey";

    private ZoomWebhookConstants() {
    }
}
