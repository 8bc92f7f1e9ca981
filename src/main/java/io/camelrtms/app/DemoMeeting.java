package io.camelrtms.app;

import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.file.RecordingLayout;
import java.net.URI;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Plays one meeting through the running bundle when the demo is active: once the web server
 * listens and the Camel routes run, starts the Zoom simulator on 127.0.0.1, which posts a signed
 * {@code meeting.rtms_started} to the bundle's own webhook endpoint and streams a short meeting,
 * so files appear under the data directory.
 */
public class DemoMeeting implements ApplicationListener<WebServerInitializedEvent>, ExtendedStartupListener, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMeeting.class);

    private final ZoomProperties zoom;
    private final String webhookPath;
    private final Path dataDir;
    private ZoomSimulator simulator;
    private int port = -1;
    private boolean routesStarted;

    public DemoMeeting(ZoomProperties zoom, String webhookPath, Path dataDir, CamelContext camel) throws Exception {
        this.zoom = zoom;
        this.webhookPath = webhookPath;
        this.dataDir = dataDir;
        LOG.warn("DEMO MODE: no Zoom app is configured (ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET, ZOOM_WEBHOOK_SECRET_TOKEN), "
                + "so a built-in Zoom simulator plays a meeting into the file sink only; no real meeting is recorded");
        camel.addStartupListener(this);
    }

    /** The web server is listening: its port is where the simulator posts the webhook. */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            return; // the actuator's own port, not the webhook's
        }
        launchWhenReady(event.getWebServer().getPort(), false);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // routes may not run yet; onCamelContextFullyStarted is the moment the webhook route consumes
    }

    /** The routes run: the webhook route consumes and the media route records. */
    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        launchWhenReady(-1, true);
    }

    /** Plays the meeting once both the web server listens and the routes run, whichever comes last. */
    private synchronized void launchWhenReady(int webPort, boolean routes) {
        if (webPort > 0) {
            port = webPort;
        }
        routesStarted |= routes;
        if (port < 0 || !routesStarted || simulator != null) {
            return;
        }
        simulator = ZoomSimulator.start(SimulatorConfig.builder()
                .clientId(zoom.clientId()).clientSecret(zoom.clientSecret())
                .host("127.0.0.1").port(0)
                .webhook(URI.create("http://127.0.0.1:" + port + webhookPath), zoom.webhookSecretToken())
                .build());
        SimulatedStream s = simulator.launch(Product.MEETING, MeetingScript.standard());
        LOG.warn("DEMO MODE: the built-in Zoom simulator is playing a {} s meeting now. Its files appear in {}",
                MeetingScript.standard().durationMillis() / 1000,
                RecordingLayout.streamDir(dataDir, "meeting", s.entityId(), s.streamId()).toAbsolutePath().normalize());
    }

    @Override
    public synchronized void destroy() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
