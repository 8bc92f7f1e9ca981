package io.camelrtms.zoomapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens of a Zoom Server-to-Server OAuth app ({@code grant_type=account_credentials}):
 * {@code POST {oauthBase}/oauth/token?grant_type=account_credentials&account_id=…} with the app's
 * client id and secret as HTTP Basic credentials. A token is reused until shortly before it expires
 * (Zoom issues them for an hour); concurrent callers share one token request.
 */
public final class ServerToServerOAuth implements AccessTokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(ServerToServerOAuth.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Renew this long before expiry, so a token never runs out between our check and Zoom's. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final URI tokenUri;
    private final String basicCredentials;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    private String token;
    private Instant renewAt = Instant.MIN;

    /**
     * @param oauthBaseUrl e.g. {@code https://zoom.us}
     * @param accountId    the account the app belongs to
     * @param clientId     the Server-to-Server app's client id
     * @param clientSecret the Server-to-Server app's client secret
     */
    public ServerToServerOAuth(URI oauthBaseUrl, String accountId, String clientId, String clientSecret,
                               HttpClient http, Duration timeout, Clock clock) {
        this.tokenUri = URI.create(stripTrailingSlash(oauthBaseUrl.toString())
                + "/oauth/token?grant_type=account_credentials&account_id="
                + URLEncoder.encode(accountId, StandardCharsets.UTF_8));
        this.basicCredentials = "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public synchronized String token() throws ZoomApiException {
        if (token != null && clock.instant().isBefore(renewAt)) {
            return token;
        }
        token = null;
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(timeout)
                .header("Authorization", basicCredentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        Instant asked = clock.instant();
        HttpResponse<String> response = send(http, request, "the Zoom OAuth endpoint");
        if (response.statusCode() != 200) {
            ZoomErrorBody error = ZoomErrorBody.parse(response.body());
            LOG.warn("Zoom refused a Server-to-Server OAuth token: HTTP {} {}", response.statusCode(), error.message());
            throw new ZoomApiException(ZoomApiException.Reason.TOKEN_REFUSED,
                    "Zoom refused the Server-to-Server OAuth token request", response.statusCode(), error.code(), error.message());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ZoomApiException(ZoomApiException.Reason.UNREACHABLE, "the Zoom OAuth endpoint answered with unreadable JSON");
        }
        String accessToken = body.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new ZoomApiException(ZoomApiException.Reason.UNREACHABLE, "the Zoom OAuth endpoint answered without an access_token");
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        Duration lifetime = Duration.ofSeconds(Math.max(0, expiresIn));
        // a short-lived token is renewed at half its life rather than never being cached
        Duration margin = lifetime.compareTo(RENEW_BEFORE_EXPIRY.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : RENEW_BEFORE_EXPIRY;
        token = accessToken;
        renewAt = asked.plus(lifetime).minus(margin);
        LOG.debug("Got a Zoom Server-to-Server OAuth token valid for {} s", expiresIn);
        return token;
    }

    @Override
    public synchronized void invalidate(String refused) {
        if (refused != null && refused.equals(token)) {
            token = null;
        }
    }

    /** Sends a request, turning transport failures into {@link ZoomApiException}s that name only {@code what}. */
    static HttpResponse<String> send(HttpClient http, HttpRequest request, String what) throws ZoomApiException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ZoomApiException(ZoomApiException.Reason.TIMEOUT, what + " did not answer in time");
        } catch (IOException e) {
            throw new ZoomApiException(ZoomApiException.Reason.UNREACHABLE, what + " is unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZoomApiException(ZoomApiException.Reason.UNREACHABLE, "interrupted while calling " + what);
        }
    }

    static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Says nothing about the credentials. */
    @Override
    public String toString() {
        return "ServerToServerOAuth[" + tokenUri.getScheme() + "://" + tokenUri.getAuthority() + "]";
    }
}
