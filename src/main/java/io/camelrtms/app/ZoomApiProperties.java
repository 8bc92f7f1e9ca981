package io.camelrtms.app;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the bundle calls Zoom's REST API to start and stop RTMS ({@code rtms.zoom-api.*}). Secrets come
 * from the environment only ({@code application.yaml} maps them): {@code ZOOM_ACCOUNT_ID},
 * {@code ZOOM_S2S_CLIENT_ID}, {@code ZOOM_S2S_CLIENT_SECRET}, {@code ZOOM_VIDEOSDK_API_KEY},
 * {@code ZOOM_VIDEOSDK_API_SECRET}.
 *
 * @param baseUrl           the REST API, {@code https://api.zoom.us}; tests point it at a local fake
 * @param oauthBaseUrl      the OAuth server, {@code https://zoom.us}
 * @param accountId         the account of the Server-to-Server OAuth app
 * @param clientId          the Server-to-Server OAuth app's client id
 * @param clientSecret      the Server-to-Server OAuth app's client secret
 * @param rtmsClientId      the client id of the RTMS app to start or stop; blank means {@code rtms.zoom.client-id}
 * @param videoSdkApiKey    the Video SDK account's API key (for the Video SDK API's JWT); blank means the OAuth token
 * @param videoSdkApiSecret the Video SDK account's API secret
 * @param timeout           how long one call to Zoom may take
 */
@ConfigurationProperties("rtms.zoom-api")
public record ZoomApiProperties(
        @DefaultValue("https://api.zoom.us") URI baseUrl,
        @DefaultValue("https://zoom.us") URI oauthBaseUrl,
        String accountId,
        String clientId,
        String clientSecret,
        String rtmsClientId,
        String videoSdkApiKey,
        String videoSdkApiSecret,
        @DefaultValue("10s") Duration timeout) {

    /** Whether the Server-to-Server OAuth credentials are all set. */
    public boolean hasServerToServerCredentials() {
        return isSet(accountId) && isSet(clientId) && isSet(clientSecret);
    }

    /** Whether the Video SDK API key and secret are both set. */
    public boolean hasVideoSdkApiCredentials() {
        return isSet(videoSdkApiKey) && isSet(videoSdkApiSecret);
    }

    /** Says which values are set, never what the secret ones are. */
    @Override
    public String toString() {
        return "ZoomApiProperties[baseUrl=" + baseUrl + ", oauthBaseUrl=" + oauthBaseUrl + ", accountId=" + mask(accountId)
                + ", clientId=" + mask(clientId) + ", clientSecret=" + mask(clientSecret) + ", rtmsClientId=" + rtmsClientId
                + ", videoSdkApiKey=" + mask(videoSdkApiKey) + ", videoSdkApiSecret=" + mask(videoSdkApiSecret)
                + ", timeout=" + timeout + "]";
    }

    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String mask(String value) {
        return isSet(value) ? "<set>" : "<unset>";
    }
}
