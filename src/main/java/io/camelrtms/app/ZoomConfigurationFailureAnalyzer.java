package io.camelrtms.app;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link ZoomConfigurationException} into Spring Boot's short "APPLICATION FAILED TO START" report, no stack trace. */
public class ZoomConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ZoomConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ZoomConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set the Zoom app's ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET and ZOOM_WEBHOOK_SECRET_TOKEN together "
                        + "(or none of them for the demo; RTMS_DEMO=false starts with what is set).", cause);
    }
}
