package io.camelrtms.app;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import io.camelrtms.webhook.ZoomWebhookProcessor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what the webhook endpoint reads before Camel sees the request. platform-http reads the whole
 * body into memory before the route's first step, so the route's own size check (see
 * {@code ZoomWebhookProcessor}) alone would let a huge upload fill the heap. This filter answers 413 at
 * once when {@code Content-Length} is over the limit, and otherwise caps the body stream one byte past
 * the limit, so a chunked upload is cut short and the route sees it is too large. It also answers every
 * method but POST with 405 (the route's {@code httpMethodRestrict=POST} says the same, later): Spring MVC
 * would answer {@code OPTIONS} on its own and parse the form body of a {@code PUT} or {@code DELETE}. A
 * body the route would refuse for its content type (a form, multipart) is refused here with 415 too, so
 * the web layer never parses it: the container would decode a form into parameters, and a malformed
 * multipart body would fail in Spring MVC. It runs before every other filter, so nothing has read or
 * parsed the body yet.
 */
class WebhookRequestGuard extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRequestGuard.class);

    private final long maxBodyBytes;

    WebhookRequestGuard(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            // Spring MVC would answer OPTIONS itself with 200, and parse a PUT's or DELETE's form; POST only
            response.setHeader("Allow", "POST");
            JsonRefusal.send(response, 405, "method not allowed");
            return;
        }
        if (!ZoomWebhookProcessor.isAcceptedContentType(request.getContentType())) {
            LOG.info("Refused Zoom webhook with 415: {}", ZoomWebhookProcessor.UNSUPPORTED_MEDIA_TYPE);
            JsonRefusal.send(response, 415, ZoomWebhookProcessor.UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            LOG.info("Refused Zoom webhook with 413: {} (Content-Length {})", ZoomWebhookProcessor.BODY_TOO_LARGE, declared);
            JsonRefusal.send(response, 413, ZoomWebhookProcessor.BODY_TOO_LARGE);
            return;
        }
        chain.doFilter(new BoundedRequest(request, maxBodyBytes + 1), response);
    }

    /** A request whose body stream ends after {@code limit} bytes. */
    private static final class BoundedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        BoundedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new BoundedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String charset = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    charset != null ? charset : StandardCharsets.UTF_8.name()));
        }
    }

    private static final class BoundedInputStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private long remaining;

        BoundedInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = delegate.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = delegate.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return remaining <= 0 || delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
