package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A deployment with part of the Zoom app's settings (a typo in one variable's name) does not start, and
 * says which variable is missing; nothing is played into its sinks. Command-line arguments stand in for
 * the environment: they outrank the build's {@code rtms.demo.enabled=false}.
 */
@ExtendWith(OutputCaptureExtension.class)
class PartialZoomConfigurationTest {

    @Test
    void theWebhookSecretWithoutTheClientIdStopsTheStartNamingZoomClientId(CapturedOutput output) {
        assertThatThrownBy(() -> start("--rtms.demo.enabled=auto", "--rtms.zoom.client-id=",
                "--rtms.zoom.client-secret=", "--rtms.zoom.webhook-secret-token=set-by-a-test"))
                .isInstanceOf(ZoomConfigurationException.class)
                .hasMessage("The Zoom app is configured only in part: ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET are not set "
                        + "(but ZOOM_WEBHOOK_SECRET_TOKEN is). Set them from the app's page in the Zoom Marketplace, "
                        + "or unset all three for the built-in demo");
        // Spring Boot's short failure report, not a stack trace
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET are not set");
    }

    @Test
    void oneMissingSecretIsNamedAlone() {
        assertThatThrownBy(() -> start("--rtms.demo.enabled=auto", "--rtms.zoom.client-id=id",
                "--rtms.zoom.client-secret=", "--rtms.zoom.webhook-secret-token=set-by-a-test"))
                .isInstanceOf(ZoomConfigurationException.class)
                .hasMessageStartingWith("The Zoom app is configured only in part: ZOOM_CLIENT_SECRET is not set");
    }

    @Test
    void anExplicitDemoRefusesZoomCredentials() {
        assertThatThrownBy(() -> start("--rtms.demo.enabled=true", "--rtms.zoom.client-id=id",
                "--rtms.zoom.client-secret=", "--rtms.zoom.webhook-secret-token="))
                .isInstanceOf(ZoomConfigurationException.class)
                .hasMessageStartingWith("RTMS_DEMO=true plays a simulated meeting, but ZOOM_CLIENT_ID is set");
    }

    private static void start(String... args) {
        SpringApplication application = new SpringApplication(RtmsApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args).close();
    }
}
