package io.camelrtms.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.sink.live.LiveMessages;
import io.camelrtms.sink.routing.RtmsSinks;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Wires the {@code live} sink of {@code routes/sinks.yaml}: {@code rtmsLiveMessages} (the JSON document of
 * an exchange) and {@code rtmsLiveRouter}, the Vert.x router of the feed's server whose first handler is
 * the {@link LiveFeedGuard}. The server route ({@value #SERVER_ROUTE}) is started only when a media type
 * goes to {@code live}, so the port is not opened otherwise; then a non-loopback {@code rtms.live.host}
 * requires {@code rtms.api-token}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "rtms", name = "enabled", matchIfMissing = true)
@ConditionalOnClass(name = "org.apache.camel.component.vertx.websocket.VertxWebsocketComponent")
@EnableConfigurationProperties(LiveSinkProperties.class)
public class LiveSinkConfiguration {

    /** The route hosting the feed's WebSocket server. */
    public static final String SERVER_ROUTE = "rtms-sink-live-server";
    /** The router of the feed's server in Camel's registry (the server route's {@code router} option). */
    public static final String ROUTER = "rtmsLiveRouter";

    @Bean
    @ConditionalOnMissingBean(name = "rtmsLiveMessages")
    public LiveMessages rtmsLiveMessages() {
        return new LiveMessages(new ObjectMapper());
    }

    @Bean
    @ConditionalOnMissingBean(name = "rtmsLiveSinkLifecycle")
    public CamelContextConfiguration rtmsLiveSinkLifecycle(RtmsSinks sinks, LiveSinkProperties live,
                                                           @Value("${rtms.api-token:}") String apiToken) {
        AdminToken token = new AdminToken(apiToken);
        boolean used = sinks.uses(LiveMessages.NAME);
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                if (used && !token.isConfigured() && !LiveFeedGuard.isLoopback(live.getHost())) {
                    throw new IllegalArgumentException("rtms.live.host is " + live.getHost() + ", not a loopback address: "
                            + "set RTMS_API_TOKEN (rtms.api-token) so that the live feed asks subscribers for it, "
                            + "or keep the feed on 127.0.0.1");
                }
                bindRouter(context, token);
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                if (used) {
                    try {
                        context.getRouteController().startRoute(SERVER_ROUTE);
                    } catch (Exception e) {
                        throw new IllegalStateException("The live feed could not listen on " + live.getHost() + ":"
                                + live.getPort() + " (rtms.live.*): " + e.getMessage(), e);
                    }
                }
            }
        };
    }

    /**
     * The router must exist for the server route's endpoint even while that route stays stopped; it needs
     * the component's Vert.x, which the component creates when started (and closes when stopped).
     */
    static void bindRouter(CamelContext context, AdminToken token) {
        if (context.getRegistry().lookupByName(ROUTER) != null) {
            return;
        }
        VertxWebsocketComponent ws = context.getComponent("vertx-websocket", VertxWebsocketComponent.class);
        ServiceHelper.startService(ws);
        Router router = Router.router(ws.getVertx());
        router.route().handler(new LiveFeedGuard(token));
        context.getRegistry().bind(ROUTER, Router.class, router);
    }
}
