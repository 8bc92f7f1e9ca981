package io.camelrtms.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import io.camelrtms.webhook.TimeWindowIdempotentRepository;
import io.camelrtms.webhook.ZoomWebhookProcessor;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The beans the {@code zoom-webhook} route in {@code routes/webhook.yaml} refers to by name:
 * {@code zoomWebhookProcessor} (verification and url_validation) and {@code zoomWebhookDedupe}
 * (the idempotent consumer's repository), plus {@link WebhookRequestGuard}, the servlet filter that bounds
 * the request body before platform-http reads it.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "rtms", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties({ZoomProperties.class, WebhookProperties.class})
public class WebhookConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(name = "zoomWebhookProcessor")
    public ZoomWebhookProcessor zoomWebhookProcessor(ZoomProperties zoom, WebhookProperties webhook) {
        if (!zoom.hasWebhookSecretToken()) {
            LOG.warn("No Zoom webhook secret token is configured (set ZOOM_WEBHOOK_SECRET_TOKEN): every request to {} "
                    + "is refused with 503 until it is set and the application restarted", webhook.path());
        }
        return new ZoomWebhookProcessor(zoom.webhookSecretToken(), webhook.timestampTolerance(),
                webhook.maxBodySize().toBytes(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean(name = "zoomWebhookDedupe")
    public TimeWindowIdempotentRepository zoomWebhookDedupe(WebhookProperties webhook) {
        return new TimeWindowIdempotentRepository(webhook.dedupeWindow(), webhook.dedupeMaxEntries(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean(name = "zoomWebhookRequestGuard")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public FilterRegistrationBean<WebhookRequestGuard> zoomWebhookRequestGuard(WebhookProperties webhook) {
        FilterRegistrationBean<WebhookRequestGuard> registration =
                new FilterRegistrationBean<>(new WebhookRequestGuard(webhook.maxBodySize().toBytes()));
        registration.addUrlPatterns(webhook.path());
        registration.setName("zoomWebhookRequestGuard");
        // ahead of Spring's own filters: FormContentFilter would parse (and fail on) a form body first
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Fails the start when no route could ever take a webhook or receive a stream: see {@link RouteWiringCheck}. */
    @Bean
    @ConditionalOnMissingBean(name = "rtmsRouteWiringCheck")
    @ConditionalOnProperty(prefix = "rtms", name = "route-check", matchIfMissing = true)
    public RouteWiringCheck rtmsRouteWiringCheck(WebhookProperties webhook) {
        return new RouteWiringCheck(webhook.path());
    }
}
