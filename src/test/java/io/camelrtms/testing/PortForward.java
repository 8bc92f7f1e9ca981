package io.camelrtms.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import java.util.concurrent.TimeUnit;

/**
 * Forwards TCP connections from a port of 127.0.0.1 to another: a test gives the code under test the
 * first port while nothing listens there (a broker that is down), then starts the forward to where
 * the broker really is. Kafka clients only bootstrap through it: the broker then tells them its own
 * address. Written here because no test library at hand forwards a port; Vert.x does the piping.
 */
public final class PortForward implements AutoCloseable {

    private final Vertx vertx;
    private final NetServer server;

    private PortForward(Vertx vertx, NetServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port} and forwards every connection to 127.0.0.1:{@code target}. */
    public static PortForward start(int port, int target) throws Exception {
        Vertx vertx = Vertx.vertx();
        NetClient client = vertx.createNetClient();
        NetServer server = vertx.createNetServer().connectHandler(in -> {
            in.pause();
            client.connect(target, "127.0.0.1").onSuccess(out -> {
                in.pipeTo(out);
                out.pipeTo(in);
                in.resume();
            }).onFailure(e -> in.close());
        });
        try {
            server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
        return new PortForward(vertx, server);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
