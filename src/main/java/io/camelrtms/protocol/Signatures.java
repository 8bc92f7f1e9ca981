package io.camelrtms.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The three HMAC-SHA256 signatures of RTMS, all lowercase hex (docs/protocol.md#handshake-signature and above). Keys and messages
 * are encoded as UTF-8 explicitly; Zoom's Java sample records a Base64-vs-hex mix-up, so every
 * result here is hex.
 */
public final class Signatures {

    private static final String HMAC = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] V0_PREFIX = "v0:".getBytes(StandardCharsets.US_ASCII);

    private Signatures() {
    }

    /**
     * The handshake signature of msg 1 and msg 3:
     * {@code hex(HMAC(clientSecret, clientId + "," + entityId + "," + streamId))}. The entity id is
     * used exactly as received, without URL-decoding.
     */
    public static String handshake(String clientId, String clientSecret, String entityId, String streamId) {
        return hmacHex(clientSecret, (clientId + "," + entityId + "," + streamId).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code encryptedToken} answer to {@code endpoint.url_validation}. */
    public static String urlValidation(String webhookSecret, String plainToken) {
        return hmacHex(webhookSecret, plainToken.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code x-zm-signature} value of a webhook: {@code "v0=" + hex(HMAC(secret, "v0:" +
     * timestamp + ":" + rawBody))}, over the body's exact bytes.
     */
    public static String webhook(String webhookSecret, String timestamp, byte[] rawBody) {
        Mac mac = mac(webhookSecret);
        mac.update(V0_PREFIX);
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) ':');
        mac.update(rawBody);
        return "v0=" + HEX.formatHex(mac.doFinal());
    }

    /** Compares two signatures in constant time; {@code null} never matches. */
    public static boolean matches(String expected, String received) {
        if (expected == null || received == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), received.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmacHex(String key, byte[] message) {
        return HEX.formatHex(mac(key).doFinal(message));
    }

    private static Mac mac(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalStateException("An HMAC key is required but none is configured");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
