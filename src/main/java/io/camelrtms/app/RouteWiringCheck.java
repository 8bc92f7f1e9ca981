package io.camelrtms.app;

import io.camelrtms.component.RtmsEndpoint;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.DelegateEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spring.boot.CamelContextConfiguration;

/**
 * Refuses to start a configuration that could never record anything: no route serves the webhook
 * path (a {@code platform-http} consumer on {@code rtms.webhook.path}, or any {@code webhook:rtms:}
 * route), no route consumes an {@code rtms:} channel, or a route sends to a channel that no route
 * consumes. Without it such a start looks healthy and answers Zoom with 404s or drops every stream.
 */
public class RouteWiringCheck implements CamelContextConfiguration {

    private final String webhookPath;

    public RouteWiringCheck(String webhookPath) {
        this.webhookPath = trimSlashes(webhookPath);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // the routes are checked once they exist
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        boolean webhookServed = false;
        Set<String> consumed = new TreeSet<>();
        for (Route route : camelContext.getRoutes()) {
            Endpoint from = route.getEndpoint();
            if (from instanceof DelegateEndpoint delegate && delegate.getEndpoint() instanceof RtmsEndpoint rtms) {
                webhookServed = true;
                consumed.add(rtms.getChannel());
            } else if (from instanceof RtmsEndpoint rtms) {
                consumed.add(rtms.getChannel());
            } else if (servesWebhookPath(from)) {
                webhookServed = true;
            }
        }
        Set<String> sentTo = new TreeSet<>();
        for (Endpoint endpoint : camelContext.getEndpoints()) {
            if (endpoint instanceof RtmsEndpoint rtms && !consumed.contains(rtms.getChannel())) {
                sentTo.add(rtms.getChannel());
            }
        }
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
                    + "consumers exist for rtms:" + String.join(", rtms:", consumed) + ".");
        }
    }

    private boolean servesWebhookPath(Endpoint endpoint) {
        String uri = endpoint.getEndpointUri();
        if (!uri.startsWith("platform-http:")) {
            return false;
        }
        String path = uri.substring("platform-http:".length());
        int query = path.indexOf('?');
        return trimSlashes(query < 0 ? path : path.substring(0, query)).equals(webhookPath);
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
