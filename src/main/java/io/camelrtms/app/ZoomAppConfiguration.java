package io.camelrtms.app;

import org.springframework.context.annotation.Import;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import io.camelrtms.zoomapi.AccessTokenSource;
import io.camelrtms.zoomapi.ServerToServerOAuth;
import io.camelrtms.zoomapi.ZoomApiClient;
import io.camelrtms.zoomapi.ZoomApiJwt;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Zoom App panel and the server-side RTMS control: the panel's static files under
 * {@code /app/} (from {@code camel-rtms/panel/} on the class path, not Spring's {@code static/}, so an
 * application that embeds the artifact serves it only through this configuration) with Zoom's OWASP
 * headers, {@code /app} redirecting there,
 * and the {@link ZoomApiClient} behind {@code POST /api/rtms/*}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "rtms", name = "enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({RtmsControlController.class, PanelController.class})
@EnableConfigurationProperties(ZoomApiProperties.class)
public class ZoomAppConfiguration implements WebMvcConfigurer {

    /** Where the panel is served. */
    public static final String PANEL_PATH = "/app";

    private static final Logger LOG = LoggerFactory.getLogger(ZoomAppConfiguration.class);
    private static final Duration API_JWT_LIFETIME = Duration.ofMinutes(30);

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PANEL_PATH + "/**").addResourceLocations("classpath:/camel-rtms/panel/");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController(PANEL_PATH, PANEL_PATH + "/");
        registry.addViewController(PANEL_PATH + "/").setViewName("forward:" + PANEL_PATH + "/index.html");
    }

    @Bean
    @ConditionalOnMissingBean(name = "zoomAppSecurityHeaders")
    public FilterRegistrationBean<ZoomAppSecurityHeaders> zoomAppSecurityHeaders() {
        FilterRegistrationBean<ZoomAppSecurityHeaders> registration = new FilterRegistrationBean<>(new ZoomAppSecurityHeaders());
        // "/app/*" also matches "/app" itself
        registration.addUrlPatterns(PANEL_PATH + "/*");
        registration.setName("zoomAppSecurityHeaders");
        return registration;
    }

    @Bean
    AdminToken rtmsAdminToken(@Value("${rtms.admin-token:}") String token) {
        AdminToken adminToken = new AdminToken(token);
        if (!adminToken.isConfigured()) {
            LOG.info("No RTMS admin token is configured (set RTMS_ADMIN_TOKEN): POST /api/rtms/* answers 503");
        }
        return adminToken;
    }

    @Bean
    @ConditionalOnMissingBean(name = "zoomApiClient")
    public ZoomApiClient zoomApiClient(ZoomApiProperties api, ZoomProperties zoom) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(api.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        AccessTokenSource oauth = api.hasServerToServerCredentials()
                ? new ServerToServerOAuth(api.oauthBaseUrl(), api.accountId(), api.clientId(), api.clientSecret(),
                        http, api.timeout(), Clock.systemUTC())
                : AccessTokenSource.unavailable("Zoom Server-to-Server OAuth credentials are not configured "
                        + "(set ZOOM_ACCOUNT_ID, ZOOM_S2S_CLIENT_ID and ZOOM_S2S_CLIENT_SECRET)");
        AccessTokenSource videoSdk = api.hasVideoSdkApiCredentials()
                ? new ZoomApiJwt(api.videoSdkApiKey(), api.videoSdkApiSecret(), API_JWT_LIFETIME, Clock.systemUTC())
                : oauth;
        String rtmsClientId = ZoomApiProperties.isSet(api.rtmsClientId()) ? api.rtmsClientId() : zoom.clientId();
        return new ZoomApiClient(api.baseUrl(), oauth, videoSdk, rtmsClientId, http, api.timeout());
    }
}
