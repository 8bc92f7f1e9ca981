package io.camelrtms.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 in front of one local port, whose connections onward can be reset at once:
 * to the server behind it, that is a client whose process was killed (its kernel resets the connections,
 * no WebSocket close frame is sent), which a Vert.x WebSocket client cannot do to itself.
 */
final class TcpRelay implements AutoCloseable {

    private final int targetPort;
    private final NetServer server;
    // SO_LINGER 0: closing sends a reset, as a killed process's kernel does for a socket with unread data
    private final NetClient client;
    private final List<NetSocket> onward = new CopyOnWriteArrayList<>();

    private TcpRelay(Vertx vertx, int targetPort) {
        this.targetPort = targetPort;
        this.client = vertx.createNetClient(new NetClientOptions().setSoLinger(0).setConnectTimeout(5000));
        this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0)).connectHandler(this::relay);
    }

    /** A relay to {@code targetPort} on 127.0.0.1, listening. */
    static TcpRelay to(Vertx vertx, int targetPort) {
        TcpRelay relay = new TcpRelay(vertx, targetPort);
        try {
            relay.server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            relay.close();
            throw new IllegalStateException("relay did not start: " + e, e);
        }
        return relay;
    }

    private void relay(NetSocket in) {
        in.pause();
        client.connect(targetPort, "127.0.0.1").onSuccess(out -> {
            onward.add(out);
            out.pipeTo(in);
            in.pipeTo(out);
        }).onFailure(e -> in.close());
    }

    /** {@code url} (of the relay's target) as reached through the relay. */
    String via(String url) {
        URI u = URI.create(url);
        if (u.getPort() != targetPort) {
            throw new IllegalArgumentException(url + " is not on the relayed port " + targetPort);
        }
        return u.getScheme() + "://" + u.getHost() + ":" + server.actualPort() + u.getRawPath()
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    /** Resets every connection the relay made to its target. */
    void reset() {
        onward.forEach(NetSocket::close);
    }

    @Override
    public void close() {
        reset();
        server.close();
        client.close();
    }
}
