package io.camelrtms.app;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Lets a subscriber onto the live feed before its WebSocket handshake completes, so nobody else ever
 * gets a message: with {@code rtms.api-token} set, the request must carry that token as {@code ?token=}
 * (browsers cannot set headers on a WebSocket) or as {@code Authorization: Bearer}; without one, only
 * loopback peers are let in (and the feed may only bind to loopback, see {@link LiveSinkConfiguration}).
 * Others get 401 or 403 and no upgrade.
 */
final class LiveFeedGuard implements Handler<RoutingContext> {

    private final AdminToken token;

    LiveFeedGuard(AdminToken token) {
        this.token = token;
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if (token.isConfigured()) {
            if (token.acceptsToken(request.getParam("token")) || token.accepts(request.getHeader("Authorization"))) {
                routing.next();
            } else {
                refuse(routing, 401, "missing or wrong token");
            }
        } else if (isLoopback(request.remoteAddress())) {
            routing.next();
        } else {
            refuse(routing, 403, "the live feed serves only this host while RTMS_API_TOKEN is not set");
        }
    }

    private static void refuse(RoutingContext routing, int status, String why) {
        routing.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"" + why + "\"}");
    }

    private static boolean isLoopback(SocketAddress remote) {
        return remote != null && remote.hostAddress() != null && isLoopback(remote.hostAddress());
    }

    /** Whether an address or host name is a loopback address (a literal address needs no lookup). */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
