package io.camelrtms.zoomapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelrtms.zoomapi.ZoomAppContext.InvalidContextException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ZoomAppContextTest {

    private static final String SECRET = "context-vector-secret";
    private static final String CLIENT_ID = "vector-client-id";
    private static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(1_700_000_060_000L), ZoneOffset.UTC);

    /**
     * Made outside Java, with Node's crypto as Zoom's sample apps use it: AES-256-GCM keyed with
     * sha256("context-vector-secret"), iv 000102…0b, aad "vector-aad", of
     * {"typ":"meeting","uid":"user-1","mid":"mtg+/uuid==","ts":1700000000000,"exp":4102444800000,
     * "aud":"vector-client-id","iss":"marketplace.zoom.us"}, framed as Zoom documents.
     */
    private static final String VECTOR = "DAABAgMEBQYHCAkKCwoAdmVjdG9yLWFhZJAAAAAZnAVvlJyhsg4exHNUbFGXXixsVELA65HZIqtypNM4HAQTq8+08lHb0/Of"
            + "JrcSj8Ak0juEdgVcK7Qx4ewHBnrWUmQRAc3csfKbgIIZEgaJpQsTffGv3NHkVK4GQhE+LOxUqk4NO2kRFPfDZbJzaWpbLqwlbX9V5fPjnnkip"
            + "PAv5RUqMFFs9sXOcLx24zqbWRIUfui9YDr11X1u1MHHvKY9";

    @Test
    void anExternallyMadeContextGivesUserAndMeeting() throws Exception {
        ZoomAppContext context = ZoomAppContext.decrypt(VECTOR, SECRET, CLIENT_ID, NOW);

        assertThat(context.type()).isEqualTo("meeting");
        assertThat(context.userId()).isEqualTo("user-1");
        assertThat(context.meetingId()).isEqualTo("mtg+/uuid==");
        assertThat(context.expiresAt()).isEqualTo(4102444800000L);
        assertThat(context.toString()).doesNotContain("user-1").doesNotContain("mtg");
    }

    @Test
    void everyChangedByteIsRefused() {
        byte[] packed = Base64.getDecoder().decode(VECTOR);
        for (int i = 0; i < packed.length; i++) {
            byte[] tampered = packed.clone();
            tampered[i] ^= 0x01;
            String header = Base64.getEncoder().encodeToString(tampered);
            assertThatThrownBy(() -> ZoomAppContext.decrypt(header, SECRET, CLIENT_ID, NOW)).as("byte %d", i)
                    .isInstanceOf(InvalidContextException.class);
        }
    }

    @Test
    void anotherSecretAnotherAppOrAnExpiredContextIsRefused() {
        assertRefused(VECTOR, "another-secret", CLIENT_ID, NOW, "app context does not verify", false);
        assertRefused(VECTOR, SECRET, "another-app", NOW, "app context of another app", false);
        assertRefused(VECTOR, SECRET, CLIENT_ID, Clock.fixed(Instant.ofEpochMilli(4102444800000L), ZoneOffset.UTC),
                "app context expired", true);
        String expired = ZoomAppContexts.meeting(SECRET, CLIENT_ID, "u", "m", NOW.millis() - 1);
        assertRefused(expired, SECRET, CLIENT_ID, NOW, "app context expired", true);
        String noExpiry = ZoomAppContexts.encrypt("{\"typ\":\"meeting\",\"mid\":\"m\"}", SECRET);
        assertRefused(noExpiry, SECRET, CLIENT_ID, NOW, "app context without an expiry", false);
        String otherIssuer = ZoomAppContexts.encrypt("{\"mid\":\"m\",\"exp\":9999999999999,\"iss\":\"evil\"}", SECRET);
        assertRefused(otherIssuer, SECRET, CLIENT_ID, NOW, "app context from an unknown issuer", false);
    }

    @Test
    void malformedValuesAreRefusedWithoutDecrypting() {
        for (String header : new String[] {null, "", "  ", "not base64!", "AA==", "DAAB", "x".repeat(ZoomAppContext.MAX_LENGTH + 1),
                Base64.getEncoder().encodeToString(new byte[] {0, 0, 0, 0, 0, 0, 0}),
                Base64.getEncoder().encodeToString(new byte[] {1, 9, 0, 0, -1, -1, -1, -1})}) {
            assertThatThrownBy(() -> ZoomAppContext.decrypt(header, SECRET, CLIENT_ID, NOW))
                    .isInstanceOf(InvalidContextException.class);
        }
        assertRefused(VECTOR, "", CLIENT_ID, NOW, "no client secret configured to check the app context", false);
    }

    @Test
    void aContextMadeByTheTestHelperRoundTrips() throws Exception {
        String header = ZoomAppContexts.meeting(SECRET, CLIENT_ID, "u-2", "meeting-2", NOW.millis() + 60_000);

        assertThat(ZoomAppContext.decrypt(header, SECRET, CLIENT_ID, NOW).meetingId()).isEqualTo("meeting-2");
    }

    private static void assertRefused(String header, String secret, String clientId, Clock clock, String message, boolean expired) {
        assertThatThrownBy(() -> ZoomAppContext.decrypt(header, secret, clientId, clock))
                .isInstanceOf(InvalidContextException.class).hasMessage(message)
                .satisfies(e -> assertThat(((InvalidContextException) e).expired()).isEqualTo(expired));
    }
}
