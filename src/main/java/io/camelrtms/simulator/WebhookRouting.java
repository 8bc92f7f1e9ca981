package io.camelrtms.simulator;

/** How the simulator picks a webhook's target when it has several (the replicas of a cluster). */
public enum WebhookRouting {
    /** Each webhook goes to the next target in turn, whatever its stream. */
    ROUND_ROBIN,
    /** Every webhook of a stream goes to the same target; streams are spread over the targets in turn. */
    PER_STREAM
}
