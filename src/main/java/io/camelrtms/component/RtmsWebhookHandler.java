package io.camelrtms.component;

import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.webhook.TimeWindowIdempotentRepository;
import io.camelrtms.webhook.WebhookOutcome;
import io.camelrtms.webhook.ZoomWebhookConstants;
import io.camelrtms.webhook.ZoomWebhookProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@code from: webhook:rtms:<channel>}: Zoom's webhook requests go through the same
 * {@link ZoomWebhookProcessor} as the bundle's {@code zoom-webhook} route (size, signature, timestamp
 * window, url_validation, refusal codes), then through the same dedupe, and a verified control message
 * goes straight to the channel. The route behind the webhook never sees these requests: it receives what
 * {@code from: rtms:<channel>} would, one exchange per media message, event and lifecycle change, from
 * the {@link RtmsConsumer} this handler runs for it.
 */
final class RtmsWebhookHandler extends ServiceSupport implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RtmsWebhookHandler.class);
    private static final int DEDUPE_MAX_ENTRIES = 10_000;

    private final RtmsEndpoint endpoint;
    private final Processor route;
    private ZoomWebhookProcessor verifier;
    private IdempotentRepository dedupe;
    private RtmsConsumer consumer;

    RtmsWebhookHandler(RtmsEndpoint endpoint, Processor route) {
        this.endpoint = endpoint;
        this.route = route;
    }

    @Override
    protected void doStart() throws Exception {
        RtmsConfiguration options = endpoint.getConfiguration();
        verifier = new ZoomWebhookProcessor(options.getWebhookSecretToken(),
                Duration.ofMillis(options.getWebhookTimestampTolerance()), options.getWebhookMaxBodySize(), Clock.systemUTC());
        if (!verifier.isSecretConfigured()) {
            LOG.warn("webhook:rtms:{} has no webhookSecretToken: every request is refused with 503 until it is set",
                    endpoint.getChannel());
        }
        dedupe = options.getWebhookIdempotentRepository() != null
                ? options.getWebhookIdempotentRepository()
                : new TimeWindowIdempotentRepository(Duration.ofMillis(options.getWebhookDedupeWindow()),
                        DEDUPE_MAX_ENTRIES, Clock.systemUTC());
        ServiceHelper.startService(dedupe);
        consumer = (RtmsConsumer) endpoint.createConsumer(route);
        ServiceHelper.startService(consumer);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(consumer);
        consumer = null;
        if (dedupe != endpoint.getConfiguration().getWebhookIdempotentRepository()) {
            // ours: a repository the user configured is theirs to stop
            ServiceHelper.stopService(dedupe);
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        verifier.process(exchange);
        if (!WebhookOutcome.CONTROL.name().equals(exchange.getProperty(ZoomWebhookConstants.OUTCOME))) {
            return;
        }
        String key = exchange.getProperty(ZoomWebhookConstants.DEDUPE_KEY, String.class);
        Message answer = exchange.getMessage();
        if (!dedupe.add(key)) {
            LOG.info("Duplicate Zoom webhook ignored: {}", answer.getBody());
            answer.setBody(json("duplicate"));
            return;
        }
        ControlMessage control = answer.getBody(ControlMessage.class);
        try {
            endpoint.getComponent().channel(endpoint.getChannel()).control(control);
        } catch (RuntimeException e) {
            // Zoom retries a delivery it saw refused; this one was verified and stays acknowledged, so the
            // failure goes where the route's other failures go, and a retry may try again.
            dedupe.remove(key);
            consumer.getExceptionHandler().handleException("Could not act on a Zoom webhook", exchange, e);
        }
        answer.setBody(json("accepted"));
    }

    private static byte[] json(String status) {
        return ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
