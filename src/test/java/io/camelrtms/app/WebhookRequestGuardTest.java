package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The servlet filter alone. The route tests cannot tell a capped body from a fully read one (both end
 * in 413), so the cap is checked here, on the request the filter hands down the chain.
 */
class WebhookRequestGuardTest {

    private static final int LIMIT = 100;

    private final WebhookRequestGuard guard = new WebhookRequestGuard(LIMIT);
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final MockFilterChain chain = new MockFilterChain();

    /** A POST with a body but, as with chunked transfer, no declared length. */
    private static MockHttpServletRequest chunked(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/webhooks/zoom") {
            @Override
            public int getContentLength() {
                return -1;
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(body);
        return request;
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUnread() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/webhooks/zoom");
        request.setContent(new byte[LIMIT + 1]);

        guard.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).isEqualTo("{\"error\":\"body too large\"}");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aFormIsRefusedWith415BeforeTheWebLayerParsesIt() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/webhooks/zoom");
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent("{\"event\":\"x\"}=".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        guard.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getContentAsString()).isEqualTo("{\"error\":\"unsupported content type: send application/json\"}");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void anUndeclaredBodyIsCutOneBytePastTheLimit() throws Exception {
        byte[] body = new byte[10 * LIMIT];
        Arrays.fill(body, (byte) 'x');

        guard.doFilter(chunked(body), response, chain);

        HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
        assertThat(passed.getInputStream().readAllBytes()).hasSize(LIMIT + 1);
        assertThat(passed.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void aBodyWithinTheLimitPassesUnchanged() throws Exception {
        byte[] body = "{\"caf\u00e9\":1}".getBytes(StandardCharsets.UTF_8);

        guard.doFilter(chunked(body), response, chain);

        assertThat(((HttpServletRequest) chain.getRequest()).getInputStream().readAllBytes()).isEqualTo(body);
    }

    @Test
    void theReaderIsBoundedToo() throws Exception {
        byte[] body = new byte[10 * LIMIT];
        Arrays.fill(body, (byte) 'y');

        guard.doFilter(chunked(body), response, chain);

        assertThat(((HttpServletRequest) chain.getRequest()).getReader().lines().mapToInt(String::length).sum())
                .isEqualTo(LIMIT + 1);
    }

    @Test
    void optionsIsNotAllowed() throws Exception {
        guard.doFilter(new MockHttpServletRequest("OPTIONS", "/api/webhooks/zoom"), response, chain);

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("POST");
        assertThat(chain.getRequest()).isNull();
    }
}
