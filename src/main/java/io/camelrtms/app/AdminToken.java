package io.camelrtms.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A bearer token: {@code RTMS_ADMIN_TOKEN} guards the RTMS control endpoints, {@code RTMS_API_TOKEN} the
 * status API. Presented tokens
 * are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so neither the content nor the
 * length of the configured token shows in the time a refusal takes.
 */
final class AdminToken {

    private static final String BEARER = "Bearer ";

    private final byte[] digest;

    /** @param token the configured token; null or blank disables the guarded endpoints */
    AdminToken(String token) {
        this.digest = token == null || token.isBlank() ? null : sha256(token.strip());
    }

    boolean isConfigured() {
        return digest != null;
    }

    /** Whether an {@code Authorization} header value carries the configured token. */
    boolean accepts(String authorization) {
        if (digest == null || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return acceptsToken(authorization.substring(BEARER.length()));
    }

    /** Whether a bare token (e.g. the live feed's {@code ?token=}) is the configured one. */
    boolean acceptsToken(String presented) {
        return digest != null && presented != null && MessageDigest.isEqual(digest, sha256(presented.strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[" + (isConfigured() ? "<set>" : "<unset>") + "]";
    }
}
