package io.camelrtms.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the Zoom webhook intake ({@code rtms.webhook.*}).
 *
 * @param path               the HTTP path Zoom posts to; the {@code zoom-webhook} route listens on it
 * @param timestampTolerance how far {@code x-zm-request-timestamp} may lie from now, either way
 * @param maxBodySize        the largest body accepted; larger ones are answered 413 unread
 * @param dedupeWindow       how long a delivery is remembered to recognise Zoom's retries
 *                           (Zoom retries 5, 25 and 85 minutes after the first attempt)
 * @param dedupeMaxEntries   how many deliveries are remembered at most
 */
@ConfigurationProperties("rtms.webhook")
public record WebhookProperties(
        @DefaultValue("/api/webhooks/zoom") String path,
        @DefaultValue("300s") Duration timestampTolerance,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("2h") Duration dedupeWindow,
        @DefaultValue("10000") int dedupeMaxEntries) {
}
