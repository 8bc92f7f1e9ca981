package io.camelrtms.sink.routing;

import java.util.Arrays;
import java.util.List;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * The fan-out of each media type to its sinks, as routes built once at start from
 * {@code rtms.sinks} ({@link RtmsSinks}): {@code direct:rtms-sinks-<type>} (route id
 * {@code rtms-sinks-<type>}) for {@code audio}, {@code transcript}, {@code chat}, {@code event},
 * {@code video}, {@code deskshare} and {@code lifecycle} (the sinks after the file sink). One sink
 * gets the exchange itself; several get a copy each through Camel's multicast; with none the
 * exchange returns untouched (it is not stopped: the calling route goes on).
 *
 * <p>Built here rather than as a {@code recipientList} in the YAML routes because a recipient list
 * evaluates its expression and copies the exchange for every message, even for one recipient: on
 * the audio path (50 exchanges a second per stream) that was most of the route's allocation (see
 * BENCHMARKS.md). Without stream caching, like the media routes: the bodies are byte[] and
 * String, and each sink's own route decides for itself.
 */
public final class SinkDispatchRoutes extends RouteBuilder {

    /** The endpoint of a type's fan-out is this prefix plus the type, e.g. {@code direct:rtms-sinks-audio}. */
    public static final String PREFIX = "direct:rtms-sinks-";

    private final RtmsSinks sinks;

    public SinkDispatchRoutes(RtmsSinks sinks) {
        this.sinks = sinks;
    }

    @Override
    public void configure() {
        for (String type : RtmsSinks.MEDIA_TYPES) {
            route(type, sinks.uris(type));
        }
        route("lifecycle", sinks.lifecycle());
    }

    private void route(String type, String uris) {
        List<String> targets = uris.isEmpty() ? List.of() : Arrays.asList(uris.split(","));
        RouteDefinition r = from(PREFIX + type).routeId("rtms-sinks-" + type)
                .routeDescription("The sink(s) of " + type + " from rtms.sinks: " + (targets.isEmpty() ? "none" : uris))
                .noStreamCaching();
        if (targets.isEmpty()) {
            r.log(LoggingLevel.TRACE, "No sink for " + type).id("rtms-sinks-" + type + "-none");
        } else if (targets.size() == 1) {
            r.to(targets.get(0)).id("rtms-sinks-" + type + "-to");
        } else {
            r.multicast().id("rtms-sinks-" + type + "-multicast").to(targets.toArray(String[]::new)).end();
        }
    }
}
