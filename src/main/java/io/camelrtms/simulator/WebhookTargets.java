package io.camelrtms.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The receivers a simulator posts webhooks to, one sender each, and the choice among them: the first
 * attempt of a webhook goes to the target {@link WebhookRouting} picks, a retry to the one after the
 * previous attempt's, so that with several targets a retry lands on another receiver (another replica).
 * Thread-safe.
 */
final class WebhookTargets {

    private final List<WebhookSender> senders;
    private final WebhookRouting routing;
    private final AtomicInteger nextWebhook = new AtomicInteger();
    private final AtomicInteger nextStream = new AtomicInteger();

    WebhookTargets(SimulatorConfig config) {
        List<WebhookSender> list = new ArrayList<>();
        config.webhookUrls().forEach(url -> list.add(new WebhookSender(url, config.webhookSecretToken())));
        this.senders = List.copyOf(list);
        this.routing = config.webhookRouting();
    }

    boolean isEmpty() {
        return senders.isEmpty();
    }

    /** The first target, or {@code null} when there is none. */
    WebhookSender first() {
        return senders.isEmpty() ? null : senders.get(0);
    }

    /** The target index a new stream sends its webhooks to under {@link WebhookRouting#PER_STREAM}. */
    int homeOfNewStream() {
        return senders.isEmpty() ? 0 : Math.floorMod(nextStream.getAndIncrement(), senders.size());
    }

    /** The target index of a webhook's first attempt for a stream whose home index is {@code home}. */
    int firstAttempt(int home) {
        return routing == WebhookRouting.PER_STREAM ? home : Math.floorMod(nextWebhook.getAndIncrement(), senders.size());
    }

    /** The sender of attempt {@code attempt} (0 = the first) of a webhook whose first attempt went to {@code first}. */
    WebhookSender sender(int first, int attempt) {
        return senders.get(Math.floorMod(first + attempt, senders.size()));
    }
}
