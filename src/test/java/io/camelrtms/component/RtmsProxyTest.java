package io.camelrtms.component;

import static io.camelrtms.component.RtmsHarness.lifecycles;
import static io.camelrtms.component.RtmsHarness.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.ZoomSimulator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The WebSockets go through an HTTP proxy (CONNECT) when one is configured. */
class RtmsProxyTest {

    static final String ID = "proxy-id";
    static final String SECRET = "proxy-secret";

    static ZoomSimulator zoom;
    static Vertx vertx;
    static HttpServer proxy;
    static NetClient upstream;
    static final List<String> tunnels = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(ID).clientSecret(SECRET).host("127.0.0.1").port(0)
                .playbackSpeed(8).build());
        vertx = Vertx.vertx();
        upstream = vertx.createNetClient();
        // A minimal CONNECT proxy: the test's own, so the test can see what went through it.
        proxy = vertx.createHttpServer().requestHandler(req -> {
            if (req.method() != HttpMethod.CONNECT) {
                req.response().setStatusCode(405).end();
                return;
            }
            String[] hostPort = req.uri().split(":");
            tunnels.add(req.uri());
            req.pause();
            upstream.connect(Integer.parseInt(hostPort[1]), hostPort[0]).onComplete(ar -> {
                if (ar.failed()) {
                    req.response().setStatusCode(502).end();
                    return;
                }
                NetSocket target = ar.result();
                req.toNetSocket().onSuccess(client -> {
                    client.pipeTo(target);
                    target.pipeTo(client);
                });
            });
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        zoom.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everySocketGoesThroughTheProxy() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio,transcript", c -> {
            c.setProxyHost("127.0.0.1");
            c.setProxyPort(proxy.actualPort());
        })) {
            SimulatedStream s = zoom.createStream(Product.MEETING, "proxy-" + UUID.randomUUID(), "proxy-" + UUID.randomUUID(),
                    MeetingScript.standard());
            h.start(s);
            List<Exchange> all = h.awaitEnd(s.streamId(), Duration.ofSeconds(30));
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "STOPPED");
            assertThat(of(all, "AUDIO")).isNotEmpty();
            // one tunnel for signaling and one per media socket, all to the simulator
            assertThat(tunnels).hasSize(3).allMatch(t -> t.equals("127.0.0.1:" + zoom.port()));
            assertThat(s.violations()).isEmpty();
        }
    }
}
