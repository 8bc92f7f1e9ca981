package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The panel as the Zoom client fetches it from the real server: its files, the redirect, and the OWASP
 * headers Zoom insists on. Also the server-side control endpoints while no admin token is configured.
 * Same properties as {@link ZoomAppPanelBrowserTest}, so both share one application context.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        PanelTestProperties.WEBHOOK_SECRET, PanelTestProperties.CLIENT_ID, PanelTestProperties.CLIENT_SECRET,
        PanelTestProperties.NO_ADMIN_TOKEN,
        PanelTestProperties.DATA_DIR, PanelTestProperties.NO_RESUME})
class ZoomAppPanelTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;

    @ParameterizedTest
    @CsvSource({
            "/app/, text/html",
            "/app/index.html, text/html",
            "/app/app.js, text/javascript",
            "/app/app.css, text/css"})
    void thePanelsFilesAreServedWithZoomsSecureHeaders(String path, String type) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(type));
        assertSecureHeaders(response);
    }

    @Test
    void theDocumentLoadsTheAppsSdkFromZoomAndThePanelScript() throws Exception {
        String html = get("/app/").body();

        assertThat(html).contains("<script src=\"https://appssdk.zoom.us/sdk.min.js\" defer></script>")
                .contains("<script src=\"app.js\" defer></script>")
                .contains("id=\"start\"").contains("id=\"stop\"");
        // the CSP forbids inline script, so the page must not rely on any
        assertThat(html.replaceAll("<script src=\"[^\"]+\" defer></script>", "")).doesNotContain("<script");
    }

    @Test
    void appWithoutTheSlashRedirectsToThePanelAndCarriesTheHeadersToo() throws Exception {
        HttpResponse<String> response = get("/app");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/app/"));
        assertSecureHeaders(response);
    }

    @Test
    void theCspLetsZoomFrameThePanelAndLoadsScriptsOnlyFromHereAndTheSdkCdn() throws Exception {
        String csp = get("/app/").headers().firstValue("Content-Security-Policy").orElseThrow();

        assertThat(csp.split(";\\s*")).contains(
                "default-src 'self'",
                "script-src 'self' https://appssdk.zoom.us",
                "connect-src 'self'",
                "object-src 'none'",
                "frame-ancestors 'self' https://zoom.us https://*.zoom.us https://zoom.com https://*.zoom.com");
        assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop"})
    void withoutAnAdminTokenTheControlEndpointsAre503(String action) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/rtms/" + action))
                .header("Authorization", "Bearer anything")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"meetingId\":\"1\"}")).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"error\":\"RTMS control is disabled: set RTMS_ADMIN_TOKEN to enable it\"}");
    }

    private static void assertSecureHeaders(HttpResponse<?> response) {
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        // X-Frame-Options would keep the panel out of the Zoom web client's frame: frame-ancestors does the job
        assertThat(response.headers().firstValue("X-Frame-Options")).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
