package io.camelrtms.app;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Zoom app's credentials ({@code rtms.zoom.*}). {@code application.yaml} fills them from the
 * environment only: {@code ZOOM_CLIENT_ID}, {@code ZOOM_CLIENT_SECRET}, {@code ZOOM_WEBHOOK_SECRET_TOKEN}
 * (and the Zoom SDK's {@code ZM_RTMS_CLIENT} / {@code ZM_RTMS_SECRET} for the first two).
 *
 * @param clientId           the Marketplace app's Client ID, used in the handshake signature
 * @param clientSecret       the Client Secret, the key of the handshake signature
 * @param webhookSecretToken the webhook Secret Token, the key of {@code x-zm-signature} and url_validation
 */
@ConfigurationProperties("rtms.zoom")
public record ZoomProperties(String clientId, String clientSecret, String webhookSecretToken) {

    /** Whether a non-blank webhook Secret Token is configured. */
    public boolean hasWebhookSecretToken() {
        return webhookSecretToken != null && !webhookSecretToken.isBlank();
    }

    /** Says which values are set, never what they are. */
    @Override
    public String toString() {
        return "ZoomProperties[clientId=" + mask(clientId) + ", clientSecret=" + mask(clientSecret)
                + ", webhookSecretToken=" + mask(webhookSecretToken) + "]";
    }

    private static String mask(String value) {
        return value == null || value.isBlank() ? "<unset>" : "<set>";
    }
}
