package io.camelrtms.webhook;

/** What {@link ZoomWebhookProcessor} made of a request, stored in {@link ZoomWebhookConstants#OUTCOME}. */
public enum WebhookOutcome {
    /** The HTTP answer is complete (a refusal, the url_validation answer or an ignored event): nothing follows. */
    ANSWERED,
    /** The body is a verified {@link io.camelrtms.protocol.ControlMessage} to deduplicate and hand on. */
    CONTROL
}
