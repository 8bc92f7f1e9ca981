package io.camelrtms.zoomapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Zoom's app context: who opened a Zoom App, and in which meeting. The Zoom client sends it encrypted in
 * the {@code x-zoom-app-context} header of the Home URL request, and the Apps SDK's {@code getAppContext()}
 * hands the same value to the page. Only someone holding the app's client secret can make one, so a
 * context that decrypts and has not expired proves the request comes from that user in that meeting.
 * <p>
 * Format, as Zoom documents it (developers.zoom.us/docs/zoom-apps/zoom-app-context): base64 of
 * {@code [iv length: 1 byte][iv][aad length: 2 bytes LE][aad][ciphertext length: 4 bytes LE][ciphertext][tag: 16 bytes]},
 * AES-256-GCM keyed with the SHA-256 of the client secret, the aad authenticated with it. The plaintext is
 * JSON: {@code typ} (where it was opened), {@code uid} (user), {@code mid} (meeting UUID, in a meeting),
 * {@code ts} and {@code exp} (epoch milliseconds), {@code aud} (the app's client id), {@code iss}.
 * Written with the JDK's own AES-GCM: a few lines of framing around it need no library.
 *
 * @param type       {@code typ}: meeting, webinar, panel, …
 * @param userId     {@code uid}, or {@code null} (a guest)
 * @param meetingId  {@code mid}: the meeting or webinar UUID, or {@code null} outside one
 * @param expiresAt  {@code exp}, epoch milliseconds
 */
public record ZoomAppContext(String type, String userId, String meetingId, long expiresAt) {

    /** The header the Zoom client sends, and the panel repeats. */
    public static final String HEADER = "x-zoom-app-context";
    /** Far more than any context Zoom sends (a few hundred bytes); longer values are refused undecoded. */
    public static final int MAX_LENGTH = 8192;

    private static final int TAG_BYTES = 16;
    private static final String ISSUER = "marketplace.zoom.us";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a context was refused; the message is a fixed text, safe for a log line or an answer. */
    public static final class InvalidContextException extends Exception {
        private final boolean expired;

        InvalidContextException(String message, boolean expired) {
            super(message, null, false, false);
            this.expired = expired;
        }

        /** The context was genuine but is too old: the Apps SDK's {@code getAppContext()} gives a fresh one. */
        public boolean expired() {
            return expired;
        }
    }

    /**
     * Decrypts and checks a context.
     *
     * @param header       the header's value (or {@code getAppContext()}'s {@code context})
     * @param clientSecret the Zoom app's client secret
     * @param clientId     the app's client id: a context for another app ({@code aud}) is refused; null skips
     * @param clock        the time {@code exp} is compared with
     * @throws InvalidContextException when it is missing, malformed, not made with this secret, for another app, or expired
     */
    public static ZoomAppContext decrypt(String header, String clientSecret, String clientId, Clock clock)
            throws InvalidContextException {
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new InvalidContextException("no client secret configured to check the app context", false);
        }
        if (header == null || header.isBlank()) {
            throw new InvalidContextException("missing app context", false);
        }
        if (header.length() > MAX_LENGTH) {
            throw new InvalidContextException("malformed app context", false);
        }
        byte[] plain = open(decode(header.strip()), clientSecret);
        JsonNode json;
        try {
            json = JSON.readTree(plain);
        } catch (Exception e) {
            throw new InvalidContextException("malformed app context", false);
        }
        if (json == null || !json.isObject()) {
            throw new InvalidContextException("malformed app context", false);
        }
        String audience = text(json, "aud");
        if (clientId != null && audience != null && !audience.equals(clientId)) {
            throw new InvalidContextException("app context of another app", false);
        }
        String issuer = text(json, "iss");
        if (issuer != null && !issuer.equals(ISSUER)) {
            throw new InvalidContextException("app context from an unknown issuer", false);
        }
        JsonNode exp = json.get("exp");
        if (exp == null || !exp.canConvertToLong()) {
            throw new InvalidContextException("app context without an expiry", false);
        }
        if (exp.asLong() <= clock.millis()) {
            throw new InvalidContextException("app context expired", true);
        }
        return new ZoomAppContext(text(json, "typ"), text(json, "uid"), text(json, "mid"), exp.asLong());
    }

    private static byte[] decode(String header) throws InvalidContextException {
        try {
            // Zoom's samples decode standard base64; accept the URL-safe alphabet too
            return header.indexOf('-') >= 0 || header.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(header)
                    : Base64.getDecoder().decode(header);
        } catch (IllegalArgumentException e) {
            throw new InvalidContextException("malformed app context", false);
        }
    }

    private static byte[] open(byte[] packed, String clientSecret) throws InvalidContextException {
        ByteBuffer in = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] iv = new byte[Byte.toUnsignedInt(in.get())];
            in.get(iv);
            byte[] aad = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(aad);
            int length = in.getInt();
            if (iv.length == 0 || length < 0 || length != in.remaining() - TAG_BYTES) {
                throw new InvalidContextException("malformed app context", false);
            }
            // the JDK's GCM takes the tag at the end of the ciphertext, which is where Zoom puts it
            byte[] sealed = new byte[in.remaining()];
            in.get(sealed);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key(clientSecret), new GCMParameterSpec(TAG_BYTES * 8, iv));
            gcm.updateAAD(aad);
            return gcm.doFinal(sealed);
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new InvalidContextException("malformed app context", false);
        } catch (GeneralSecurityException e) {
            // a wrong key, a changed byte anywhere, or a forged tag: all look the same, as they should
            throw new InvalidContextException("app context does not verify", false);
        }
    }

    private static SecretKeySpec key(String clientSecret) throws GeneralSecurityException {
        return new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(clientSecret.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    /** Says where, never who: the user id stays out of log lines. */
    @Override
    public String toString() {
        return "ZoomAppContext[type=" + type + ", meeting=" + (meetingId != null ? "<set>" : "<none>") + "]";
    }
}
