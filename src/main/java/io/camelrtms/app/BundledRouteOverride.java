package io.camelrtms.app;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.CamelContextCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a route of the user's replace the bundled route of the same id. The bundled routes ship in the jar
 * under {@value #BUNDLED}; {@code camel.main.routes-include-pattern} names the user's routes first
 * ({@code file:routes/*.yaml,classpath:camel-rtms/routes/*.yaml}), so by the time a bundled route is
 * added, every user route id is known and a bundled route with one of them is left out. Camel's own
 * loading would instead stop the start on the duplicate id.
 */
public class BundledRouteOverride implements CamelContextCustomizer {

    /** Where the bundled routes are on the class path. */
    static final String BUNDLED = "camel-rtms/routes/";

    private static final Logger LOG = LoggerFactory.getLogger(BundledRouteOverride.class);

    private final Set<String> userRouteIds = ConcurrentHashMap.newKeySet();
    /** Camel names a class path resource by where it was found (a directory or a jar), not as classpath:. */
    private final String bundledLocation = String.valueOf(BundledRouteOverride.class.getClassLoader().getResource(BUNDLED));

    @Override
    public void configure(CamelContext camelContext) {
        camelContext.getCamelContextExtension().getContextPlugin(Model.class).setRouteFilter(this::keep);
    }

    private boolean keep(RouteDefinition route) {
        String id = route.getRouteId();
        if (id == null) {
            return true;
        }
        boolean bundled = route.getResource() != null && isBundled(route.getResource().getLocation());
        if (!bundled) {
            userRouteIds.add(id);
            return true;
        }
        if (userRouteIds.contains(id)) {
            LOG.info("Route {} from {} is replaced by the route of the same id in the working directory's routes",
                    id, route.getResource().getLocation());
            return false;
        }
        return true;
    }

    private boolean isBundled(String location) {
        return location.startsWith("classpath:" + BUNDLED) || location.startsWith(bundledLocation)
                || location.contains("!/" + BUNDLED);
    }
}
