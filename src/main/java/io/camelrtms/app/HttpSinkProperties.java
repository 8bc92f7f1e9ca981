package io.camelrtms.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code http} sink ({@code rtms.http.*}). */
@ConfigurationProperties(prefix = "rtms.http")
public class HttpSinkProperties {

    /** Where every request is POSTed (required when a media type goes to http). */
    private String url = "";

    /** Per media type (audio, transcript, chat, event, lifecycle, video, deskshare) a URL instead of {@code url}. */
    private Map<String, String> urls = new LinkedHashMap<>();

    /** Audio is sent in chunks of this much decoded PCM per stream and speaker. */
    private Duration audioChunk = Duration.ofSeconds(1);

    /** Name of the header carrying the credentials (none when empty). */
    private String authHeaderName = "Authorization";

    /** Its value: from the environment only (RTMS_HTTP_AUTH); never logged, never spooled. */
    private String authHeaderValue = "";

    /** Connection timeout of one attempt. */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** How long one attempt waits for the answer. */
    private Duration responseTimeout = Duration.ofSeconds(10);

    /** Streams whose requests are sent at the same time. */
    private int deliveryThreads = 4;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public Map<String, String> getUrls() {
        return urls;
    }

    public void setUrls(Map<String, String> urls) {
        this.urls = urls;
    }

    public Duration getAudioChunk() {
        return audioChunk;
    }

    public void setAudioChunk(Duration audioChunk) {
        this.audioChunk = audioChunk;
    }

    public String getAuthHeaderName() {
        return authHeaderName;
    }

    public void setAuthHeaderName(String authHeaderName) {
        this.authHeaderName = authHeaderName;
    }

    public String getAuthHeaderValue() {
        return authHeaderValue;
    }

    public void setAuthHeaderValue(String authHeaderValue) {
        this.authHeaderValue = authHeaderValue;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public int getDeliveryThreads() {
        return deliveryThreads;
    }

    public void setDeliveryThreads(int deliveryThreads) {
        this.deliveryThreads = deliveryThreads;
    }

    /** Never print the auth header value. */
    @Override
    public String toString() {
        return "HttpSinkProperties[url=" + url + ", urls=" + urls + ", audioChunk=" + audioChunk + ", authHeaderName="
                + authHeaderName + ", authHeaderValue=" + (authHeaderValue == null || authHeaderValue.isEmpty() ? "<none>" : "<set>") + "]";
    }
}
