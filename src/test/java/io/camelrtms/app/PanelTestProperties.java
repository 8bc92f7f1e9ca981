package io.camelrtms.app;

/**
 * The properties of the panel tests' application context, shared so that {@link ZoomAppPanelTest} and
 * {@link ZoomAppPanelBrowserTest} run in one context. Plainly not real credentials.
 */
final class PanelTestProperties {

    static final String WEBHOOK_SECRET_VALUE = "panel-test-webhook-secret";
    static final String CLIENT_ID_VALUE = "panel-test-client-id";
    static final String CLIENT_SECRET_VALUE = "panel-test-client-secret";

    static final String WEBHOOK_SECRET = "rtms.zoom.webhook-secret-token=" + WEBHOOK_SECRET_VALUE;
    static final String CLIENT_ID = "rtms.zoom.client-id=" + CLIENT_ID_VALUE;
    static final String CLIENT_SECRET = "rtms.zoom.client-secret=" + CLIENT_SECRET_VALUE;
    static final String NO_ADMIN_TOKEN = "rtms.admin-token=";
    /** Its own recordings, and no rejoining of streams an earlier, interrupted run left open. */
    static final String DATA_DIR = "rtms.data-dir=target/test-data/panel";
    static final String NO_RESUME = "rtms.resume-streams=false";

    private PanelTestProperties() {
    }
}
