package io.camelrtms.app;

import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.RecordingLayout;
import java.net.URI;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Plays one meeting through the running bundle when the demo is active: starts the Zoom
 * simulator on 127.0.0.1, which posts a signed {@code meeting.rtms_started} to the bundle's own
 * webhook endpoint and streams a short meeting, so files appear under the data directory.
 */
public class DemoMeeting implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMeeting.class);

    private final ZoomProperties zoom;
    private final String webhookPath;
    private final Path dataDir;
    private ZoomSimulator simulator;

    public DemoMeeting(ZoomProperties zoom, String webhookPath, Path dataDir) {
        this.zoom = zoom;
        this.webhookPath = webhookPath;
        this.dataDir = dataDir;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        int port = web.getWebServer().getPort();
        simulator = ZoomSimulator.start(SimulatorConfig.builder()
                .clientId(zoom.clientId()).clientSecret(zoom.clientSecret())
                .host("127.0.0.1").port(0)
                .webhook(URI.create("http://127.0.0.1:" + port + webhookPath), zoom.webhookSecretToken())
                .build());
        SimulatedStream s = simulator.launch(Product.MEETING, MeetingScript.standard());
        LOG.info("DEMO: no Zoom app is configured (ZOOM_CLIENT_ID), so the built-in Zoom simulator is playing a "
                        + "{} s meeting now. Its files appear in {} ; live status at http://localhost:{}/api/streams",
                MeetingScript.standard().durationMillis() / 1000,
                RecordingLayout.streamDir(dataDir, "meeting", s.entityId(), s.streamId()).toAbsolutePath().normalize(), port);
    }

    @Override
    public void destroy() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
