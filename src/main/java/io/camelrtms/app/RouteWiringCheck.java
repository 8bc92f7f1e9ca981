package io.camelrtms.app;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;

/**
 * Refuses to start a configuration that could never record anything: no route serves the webhook
 * path (a {@code platform-http} consumer on {@code rtms.webhook.path}, or any {@code webhook:rtms:}
 * route), no route consumes an {@code rtms:} channel, or a route sends to a channel that no route
 * consumes. Without it such a start looks healthy and answers Zoom with 404s or drops every stream.
 * It reads the route definitions once they are loaded and before they start, so the start fails
 * (Camel ignores a failure after the start).
 */
public class RouteWiringCheck implements CamelContextConfiguration {

    private static final String RTMS = "rtms:";
    private static final String WEBHOOK_RTMS = "webhook:rtms:";
    private static final String PLATFORM_HTTP = "platform-http:";

    private final String webhookPath;

    public RouteWiringCheck(String webhookPath) {
        this.webhookPath = trimSlashes(webhookPath);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        boolean webhookServed = false;
        Set<String> consumed = new TreeSet<>();
        Set<String> sentTo = new TreeSet<>();
        for (RouteDefinition route : camelContext.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions()) {
            String from = resolve(camelContext, route, route.getInput().getEndpointUri());
            if (from.startsWith(WEBHOOK_RTMS)) {
                webhookServed = true;
                consumed.add(channel(from.substring(WEBHOOK_RTMS.length())));
            } else if (from.startsWith(RTMS)) {
                consumed.add(channel(from.substring(RTMS.length())));
            } else if (from.startsWith(PLATFORM_HTTP) && trimSlashes(path(from.substring(PLATFORM_HTTP.length()))).equals(webhookPath)) {
                webhookServed = true;
            }
            collectRtmsTargets(camelContext, route, route.getOutputs(), sentTo);
        }
        sentTo.removeAll(consumed);
        if (!webhookServed) {
            throw new IllegalStateException("No route serves Zoom's webhook: none starts from platform-http:/" + webhookPath
                    + " (rtms.webhook.path) or from webhook:rtms:<channel>. Check camel.main.routes-include-pattern and "
                    + "the routes it names (the bundle's own are routes/webhook.yaml and routes/control.yaml).");
        }
        if (consumed.isEmpty()) {
            throw new IllegalStateException("No route consumes an rtms channel (from: rtms:<channel> or "
                    + "webhook:rtms:<channel>), so every stream Zoom starts would be dropped. Check "
                    + "camel.main.routes-include-pattern and the routes it names (the bundle's own is routes/media.yaml).");
        }
        if (!sentTo.isEmpty()) {
            throw new IllegalStateException("Routes send to rtms:" + String.join(", rtms:", sentTo)
                    + " but no route consumes " + (sentTo.size() == 1 ? "it" : "them") + " (from: rtms:<channel>); "
                    + "routes consume rtms:" + String.join(", rtms:", consumed) + ".");
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // checked before the start
    }

    private static void collectRtmsTargets(CamelContext camelContext, RouteDefinition route, List<ProcessorDefinition<?>> outputs,
                                           Set<String> into) {
        for (ProcessorDefinition<?> output : outputs) {
            if (output instanceof SendDefinition<?> send && send.getEndpointUri() != null) {
                String uri = resolve(camelContext, route, send.getEndpointUri());
                if (uri.startsWith(RTMS)) {
                    into.add(channel(uri.substring(RTMS.length())));
                }
            }
            collectRtmsTargets(camelContext, route, output.getOutputs(), into);
        }
    }

    /**
     * Resolves the placeholders of a URI; a route made from a template (e.g. {@code rtms-custom-sink})
     * also has its template parameters ({@code {{name}}}), as Camel itself resolves them when it builds the route.
     */
    private static String resolve(CamelContext camelContext, RouteDefinition route, String uri) {
        Map<String, Object> parameters = route.getTemplateParameters();
        if (parameters == null || parameters.isEmpty()) {
            return camelContext.resolvePropertyPlaceholders(uri);
        }
        PropertiesComponent properties = camelContext.getPropertiesComponent();
        Properties local = new Properties();
        local.putAll(parameters);
        properties.setLocalProperties(local);
        try {
            return camelContext.resolvePropertyPlaceholders(uri);
        } finally {
            properties.setLocalProperties(null);
        }
    }

    private static String channel(String remaining) {
        return trimSlashes(path(remaining));
    }

    private static String path(String remaining) {
        int query = remaining.indexOf('?');
        return query < 0 ? remaining : remaining.substring(0, query);
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
