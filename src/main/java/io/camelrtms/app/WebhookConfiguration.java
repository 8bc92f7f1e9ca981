package io.camelrtms.app;

import io.camelrtms.webhook.TimeWindowIdempotentRepository;
import io.camelrtms.webhook.ZoomWebhookProcessor;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The beans the {@code zoom-webhook} route in {@code routes/webhook.yaml} refers to by name:
 * {@code zoomWebhookProcessor} (verification and url_validation) and {@code zoomWebhookDedupe}
 * (the idempotent consumer's repository), plus {@link WebhookRequestGuard}, the servlet filter that bounds
 * the request body before platform-http reads it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ZoomProperties.class, WebhookProperties.class})
public class WebhookConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookConfiguration.class);

    @Bean
    public ZoomWebhookProcessor zoomWebhookProcessor(ZoomProperties zoom, WebhookProperties webhook) {
        if (!zoom.hasWebhookSecretToken()) {
            LOG.warn("No Zoom webhook secret token is configured (set ZOOM_WEBHOOK_SECRET_TOKEN): every request to {} "
                    + "is refused with 503 until it is set and the application restarted", webhook.path());
        }
        return new ZoomWebhookProcessor(zoom.webhookSecretToken(), webhook.timestampTolerance(),
                webhook.maxBodySize().toBytes(), Clock.systemUTC());
    }

    @Bean
    public TimeWindowIdempotentRepository zoomWebhookDedupe(WebhookProperties webhook) {
        return new TimeWindowIdempotentRepository(webhook.dedupeWindow(), webhook.dedupeMaxEntries(), Clock.systemUTC());
    }

    @Bean
    public FilterRegistrationBean<WebhookRequestGuard> zoomWebhookRequestGuard(WebhookProperties webhook) {
        FilterRegistrationBean<WebhookRequestGuard> registration =
                new FilterRegistrationBean<>(new WebhookRequestGuard(webhook.maxBodySize().toBytes()));
        registration.addUrlPatterns(webhook.path());
        registration.setName("zoomWebhookRequestGuard");
        // ahead of Spring's own filters: FormContentFilter would parse (and fail on) a form body first
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
