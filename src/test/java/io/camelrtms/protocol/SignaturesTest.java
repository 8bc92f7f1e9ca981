package io.camelrtms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every expected value here was computed outside the JVM, with {@code openssl dgst -sha256 -hmac KEY}
 * and cross-checked with Python's {@code hmac} module, then pasted as a literal.
 */
class SignaturesTest {

    private static final String WEBHOOK_SECRET = "not-a-real-webhook-secret";

    /**
     * A webhook body with non-ASCII UTF-8 (2-, 3- and 4-byte sequences), a tab, a space before a comma
     * and a trailing CRLF: re-serialising it as JSON would change its bytes and so its signature.
     */
    static final String ODD_BODY = "{\"event\": \"meeting.rtms_started\",\t\"event_ts\":1700000000123 ,\n"
            + "  \"payload\":{ \"meeting_uuid\":\"4Dd3ogm+R5iODe8fgP/dwQ==\", "
            + "\"operator_id\":\"Zo\u00eb \u00dcn\u00efc\u00f8d\u00e9 \u4f1a\u8bae \ud83c\udfa4\",  "
            + "\"rtms_stream_id\":\"609340fc-8f06-4a2f-8e1b-b6c0b1d0c4e1\", "
            + "\"server_urls\":\"wss://127.0.0.1:1/signaling\"}}\r\n";

    @Test
    void handshakeSignatureMatchesAnExternallyComputedVector() {
        // printf '%s' 'test-client-id,4Dd3ogm+R5iODe8fgP/dwQ==,609340fc-…' | openssl dgst -sha256 -hmac test-client-secret
        assertThat(Signatures.handshake("test-client-id", "test-client-secret", "4Dd3ogm+R5iODe8fgP/dwQ==",
                "609340fc-8f06-4a2f-8e1b-b6c0b1d0c4e1"))
                .isEqualTo("ef63beffac85bddf3be0af4b30702c9c00339a6644aa36405502540bbb30acb8");
    }

    @Test
    void urlValidationTokenMatchesAnExternallyComputedVector() {
        assertThat(Signatures.urlValidation(WEBHOOK_SECRET, "qgg8vlvZRS6UYooatFL8Aw"))
                .isEqualTo("571bdc2fc0a66a285ed13dd28162b5175bc9f083550513df275c3154d33c5341");
    }

    @Test
    void keyAndMessageAreEncodedAsUtf8() {
        assertThat(Signatures.urlValidation("s\u00e9cret-\u043a\u043b\u044e\u0447", "jeton-\u00fc"))
                .isEqualTo("654fe9888ca6476f7aef7dbd327907bf34b8563be6567ef43cc97cea82ee1fa7");
    }

    @Test
    void webhookSignatureCoversTheExactBodyBytes() {
        byte[] body = ODD_BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(Signatures.webhook(WEBHOOK_SECRET, "1700000000", body))
                .isEqualTo("v0=16e361fc06bfe0638b2e35a9f8c6bb1c8b35ab0b45cd82d1834dd06533f8ef8e");
        // the same JSON without its trailing CRLF is a different message
        byte[] trimmed = ODD_BODY.strip().getBytes(StandardCharsets.UTF_8);
        assertThat(Signatures.webhook(WEBHOOK_SECRET, "1700000000", trimmed))
                .isNotEqualTo("v0=16e361fc06bfe0638b2e35a9f8c6bb1c8b35ab0b45cd82d1834dd06533f8ef8e");
    }

    @Test
    void matchesComparesWholeValues() {
        String sig = "v0=16e361fc06bfe0638b2e35a9f8c6bb1c8b35ab0b45cd82d1834dd06533f8ef8e";
        assertThat(Signatures.matches(sig, new String(sig))).isTrue();
        assertThat(Signatures.matches(sig, sig.replace("8e", "8f"))).isFalse();
        assertThat(Signatures.matches(sig, sig.substring(0, sig.length() - 1))).isFalse();
        assertThat(Signatures.matches(sig, sig.toUpperCase())).isFalse();
        assertThat(Signatures.matches(sig, "")).isFalse();
        assertThat(Signatures.matches(sig, null)).isFalse();
        assertThat(Signatures.matches(null, sig)).isFalse();
    }

    @Test
    void aMissingKeyIsRefusedRatherThanUsedEmpty() {
        assertThatThrownBy(() -> Signatures.urlValidation("", "token")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Signatures.webhook(null, "1", new byte[0])).isInstanceOf(IllegalStateException.class);
    }
}
