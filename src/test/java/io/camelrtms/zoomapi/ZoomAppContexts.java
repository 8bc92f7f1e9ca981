package io.camelrtms.zoomapi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Makes app contexts the way the Zoom client does, for tests: Zoom's framing around AES-256-GCM. */
public final class ZoomAppContexts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ZoomAppContexts() {
    }

    /** A context of {@code userId} in meeting {@code meetingId} for app {@code clientId}, expiring at {@code exp}. */
    public static String meeting(String clientSecret, String clientId, String userId, String meetingId, long exp) {
        String json = "{\"typ\":\"meeting\",\"uid\":\"" + userId + "\",\"mid\":\"" + meetingId + "\",\"ts\":"
                + (exp - 120_000) + ",\"exp\":" + exp + ",\"aud\":\"" + clientId + "\",\"iss\":\"marketplace.zoom.us\"}";
        return encrypt(json, clientSecret);
    }

    /** Encrypts {@code json} as a context: a 12-byte iv, a short aad. */
    public static String encrypt(String json, String clientSecret) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            byte[] aad = "zoom-app".getBytes(StandardCharsets.UTF_8);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            SecretKeySpec key = new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                    .digest(clientSecret.getBytes(StandardCharsets.UTF_8)), "AES");
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            gcm.updateAAD(aad);
            byte[] sealed = gcm.doFinal(json.getBytes(StandardCharsets.UTF_8));
            int cipherLength = sealed.length - 16;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(iv.length);
            out.write(iv);
            out.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) aad.length).array());
            out.write(aad);
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(cipherLength).array());
            out.write(sealed);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
