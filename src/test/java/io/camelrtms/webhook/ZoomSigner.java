package io.camelrtms.webhook;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs test webhooks the way Zoom does, written straight from Zoom's description and independent of
 * {@code io.camelrtms.protocol.Signatures}, so a mistake there cannot hide in the tests.
 */
public final class ZoomSigner {

    private ZoomSigner() {
    }

    /** {@code "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body bytes))}. */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
