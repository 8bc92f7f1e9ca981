package io.camelrtms.zoomapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API JWTs for Zoom's Video SDK REST API, which authorizes with the Video SDK account's API key and
 * secret rather than OAuth (Zoom, "Make API requests": an HS256 JWT with {@code iss} = API key,
 * {@code iat}, {@code exp}). Signed here with the JDK's HMAC: a whole JWT library for one fixed
 * three-claim token would be a larger risk than these few lines. A token is reused until shortly
 * before it expires.
 */
public final class ZoomApiJwt implements AccessTokenSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final String apiKey;
    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    private String token;
    private Instant renewAt = Instant.MIN;

    /**
     * @param lifetime how long each token is valid; Zoom suggests at most an hour
     */
    public ZoomApiJwt(String apiKey, String apiSecret, Duration lifetime, Clock clock) {
        this.apiKey = apiKey;
        this.key = new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public synchronized String token() throws ZoomApiException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(renewAt)) {
            return token;
        }
        long iat = now.getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("iss", apiKey).put("iat", iat).put("exp", iat + lifetime.toSeconds());
        String signingInput = HEADER + "." + B64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            token = signingInput + "." + B64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        renewAt = now.plus(lifetime.dividedBy(2));
        return token;
    }

    @Override
    public synchronized void invalidate(String refused) {
        if (refused != null && refused.equals(token)) {
            token = null;
        }
    }

    @Override
    public String toString() {
        return "ZoomApiJwt[lifetime=" + lifetime + "]";
    }
}
