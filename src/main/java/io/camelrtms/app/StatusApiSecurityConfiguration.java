package io.camelrtms.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/**
 * The bearer token of the status API ({@code rtms.api-token}, from {@code RTMS_API_TOKEN}) and the filter
 * that demands it. The servlet container matches the URL patterns on the normalised path, so no spelling
 * of the path ({@code //}, {@code ..}, {@code ;params}) slips past.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "rtms", name = "enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class StatusApiSecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StatusApiSecurityConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(name = "rtmsStatusApiGuard")
    public FilterRegistrationBean<StatusApiGuard> rtmsStatusApiGuard(@Value("${rtms.api-token:}") String apiToken) {
        AdminToken token = new AdminToken(apiToken);
        if (!token.isConfigured()) {
            LOG.info("No status API token is configured (set RTMS_API_TOKEN): GET /api/streams/** answers 503");
        }
        FilterRegistrationBean<StatusApiGuard> registration = new FilterRegistrationBean<>(new StatusApiGuard(token));
        registration.addUrlPatterns("/api/streams", "/api/streams/*");
        registration.setName("rtmsStatusApiGuard");
        return registration;
    }
}
