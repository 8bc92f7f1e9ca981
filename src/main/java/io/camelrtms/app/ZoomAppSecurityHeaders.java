package io.camelrtms.app;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The OWASP secure headers Zoom requires on a Zoom App's pages. The Zoom client refuses to render an
 * app document that lacks Strict-Transport-Security, X-Content-Type-Options, Content-Security-Policy or
 * Referrer-Policy (developers.zoom.us/docs/build-flow/security/owasp).
 * <p>
 * Framing: the desktop client shows the app in its own web view, the Zoom web client in an iframe under
 * its own origin. So this sends no {@code X-Frame-Options} (DENY or SAMEORIGIN would block the web
 * client and ALLOW-FROM is ignored by current browsers; Zoom's PWA guide says to remove X-Frame
 * headers) and lets CSP {@code frame-ancestors} name who may frame the panel: itself and Zoom's domains.
 * <p>
 * Scripts: only the panel's own files and the Apps SDK from {@code appssdk.zoom.us}; no inline script or
 * style, so injected markup cannot run. The status API and its server-sent events are same-origin.
 */
final class ZoomAppSecurityHeaders extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' https://appssdk.zoom.us",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self' https://zoom.us https://*.zoom.us https://zoom.com https://*.zoom.com");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // browsers ignore HSTS over plain HTTP; behind Zoom's required HTTPS it pins the panel's host to TLS
        response.setHeader("Strict-Transport-Security", "max-age=31536000");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
