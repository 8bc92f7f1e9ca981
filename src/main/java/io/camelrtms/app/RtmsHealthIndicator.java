package io.camelrtms.app;

import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.StreamStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code rtms} health contributor: UP while the component runs, its media route consumes and
 * webhooks can be verified; DOWN otherwise. Details name the streams and their connection phase, and
 * {@code mode}: {@code zoom}, or {@code demo} while the built-in simulator stands in for Zoom.
 */
public class RtmsHealthIndicator extends AbstractHealthIndicator {

    private static final int LISTED_STREAMS = 50;

    private final RtmsComponent component;
    private final BooleanSupplier webhookSecretConfigured;
    private final boolean demo;

    public RtmsHealthIndicator(RtmsComponent component, BooleanSupplier webhookSecretConfigured, boolean demo) {
        super("RTMS health check failed");
        this.component = component;
        this.webhookSecretConfigured = webhookSecretConfigured;
        this.demo = demo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<StreamStatus> streams = component.streams();
        Map<String, Long> byPhase = new TreeMap<>();
        Map<String, String> listed = new LinkedHashMap<>();
        for (StreamStatus s : streams) {
            byPhase.merge(s.phase(), 1L, Long::sum);
            if (listed.size() < LISTED_STREAMS) {
                listed.put(s.streamId(), s.phase());
            }
        }
        boolean secret = webhookSecretConfigured.getAsBoolean();
        boolean running = component.isStarted();
        boolean consuming = component.hasConsumers();
        builder.withDetail("mode", demo ? "demo" : "zoom")
                .withDetail("activeStreams", streams.size())
                .withDetail("streamsByPhase", byPhase)
                .withDetail("streams", listed)
                .withDetail("webhookSecretConfigured", secret)
                .withDetail("componentStarted", running)
                .withDetail("mediaRouteConsuming", consuming);
        boolean placed = component.placement().ready();
        String node = component.placement().node();
        if (node != null) {
            // a cluster node is ready once it was given its share of the streams (partitions)
            builder.withDetail("clusterNode", node).withDetail("clusterReady", placed);
        }
        if (running && consuming && secret && placed) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
