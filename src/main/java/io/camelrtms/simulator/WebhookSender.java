package io.camelrtms.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.protocol.Signatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;

/**
 * Posts webhooks signed like Zoom: {@code x-zm-request-timestamp} (Unix seconds) and
 * {@code x-zm-signature: v0=hex(HMAC-SHA256(secretToken, "v0:" + timestamp + ":" + body))}
 * computed over the exact bytes sent (docs/protocol.md#webhook-signatures). Thread-safe.
 */
public final class WebhookSender {

    public static final String TIMESTAMP_HEADER = "x-zm-request-timestamp";
    public static final String SIGNATURE_HEADER = "x-zm-signature";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI url;
    private final String secretToken;
    private final HttpClient http;

    public WebhookSender(URI url, String secretToken) {
        this(url, secretToken, null);
    }

    /** With an SSL context for an {@code https} receiver that uses a test certificate. */
    public WebhookSender(URI url, String secretToken, SSLContext sslContext) {
        this.url = Objects.requireNonNull(url, "url");
        if (secretToken == null || secretToken.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret token is required");
        }
        this.secretToken = secretToken;
        // HTTP/1.1: the JDK client's default asks every plain-text request to upgrade to HTTP/2 (h2c),
        // which Zoom, posting to HTTPS endpoints, never does, and which a receiver that accepts it answers differently.
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
        if (sslContext != null) {
            b.sslContext(sslContext);
        }
        this.http = b.build();
    }

    public URI url() {
        return url;
    }

    /** Posts the envelope and returns the HTTP status. */
    public int send(ObjectNode envelope) {
        return join(sendAsync(envelope));
    }

    /** Posts these exact bytes, signed, and returns the HTTP status. */
    public int send(byte[] body) {
        return join(post(body, Instant.now().getEpochSecond())).statusCode();
    }

    /** Posts the envelope without blocking; completes with the HTTP status. */
    public CompletableFuture<Integer> sendAsync(ObjectNode envelope) {
        return post(bytes(envelope), Instant.now().getEpochSecond()).thenApply(HttpResponse::statusCode);
    }

    /**
     * Sends {@code endpoint.url_validation} with this plain token and tells whether the receiver
     * answered 200 with the right {@code encryptedToken} (hex HMAC of the token, docs/protocol.md#url-validation).
     */
    public boolean validateEndpoint(String plainToken) {
        HttpResponse<String> r = join(post(bytes(ZoomWebhooks.urlValidation(plainToken, System.currentTimeMillis())),
                Instant.now().getEpochSecond()));
        if (r.statusCode() != 200) {
            return false;
        }
        try {
            JsonNode answer = MAPPER.readTree(r.body());
            return plainToken.equals(answer.path("plainToken").asText(null))
                    && Signatures.matches(Signatures.urlValidation(secretToken, plainToken), answer.path("encryptedToken").asText(null));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The {@code x-zm-signature} value for a body sent at {@code epochSeconds}. */
    public String signature(byte[] body, long epochSeconds) {
        return Signatures.webhook(secretToken, Long.toString(epochSeconds), body);
    }

    private CompletableFuture<HttpResponse<String>> post(byte[] body, long epochSeconds) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json; charset=utf-8")
                .header("user-agent", "Zoom Marketplace/1.0a (camel-rtms simulator)")
                .header(TIMESTAMP_HEADER, Long.toString(epochSeconds))
                .header(SIGNATURE_HEADER, signature(body, epochSeconds))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(ObjectNode envelope) {
        try {
            return MAPPER.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("envelope cannot be serialised", e);
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException("webhook post failed: " + io.getMessage(), io);
            }
            throw e;
        }
    }
}
