package io.camelrtms.app;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the status API ({@code /api/streams/**}: stream ids, meeting UUIDs, files, live transcripts) from
 * whoever reaches the webhook port: it needs {@code Authorization: Bearer <RTMS_API_TOKEN>}; 503 while no
 * token is configured, 401 for a missing or wrong one. The Zoom App panel has its own API, authenticated
 * by Zoom's app context ({@link PanelController}).
 */
final class StatusApiGuard extends OncePerRequestFilter {

    private final AdminToken token;

    StatusApiGuard(AdminToken token) {
        this.token = token;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!token.isConfigured()) {
            JsonRefusal.send(response, 503, "the status API is disabled: set RTMS_API_TOKEN to enable it");
            return;
        }
        if (!token.accepts(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"rtms\"");
            JsonRefusal.send(response, 401, "missing or wrong bearer token");
            return;
        }
        chain.doFilter(request, response);
    }
}
