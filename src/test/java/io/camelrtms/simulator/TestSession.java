package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A well-behaved RTMS session built from {@link TestSocket}s: signaling, media sockets, msg 7. */
final class TestSession implements AutoCloseable {

    final SimulatedStream stream;
    final TestSocket signaling;
    final JsonNode handshakeResponse;
    private final Vertx vertx;
    /** Where the session connects for a URL the simulator gave: the URL itself, or a relay's way to it. */
    private final UnaryOperator<String> route;
    private final List<TestSocket> sockets = new ArrayList<>();

    private TestSession(Vertx vertx, UnaryOperator<String> route, SimulatedStream stream, TestSocket signaling, JsonNode response) {
        this.vertx = vertx;
        this.route = route;
        this.stream = stream;
        this.signaling = signaling;
        this.handshakeResponse = response;
        sockets.add(signaling);
    }

    /** Connects signaling, handshakes, optionally subscribes, and checks msg 2 says OK. */
    static TestSession open(Vertx vertx, SimulatedStream stream, int... subscribeTo) {
        return open(vertx, UnaryOperator.identity(), stream, subscribeTo);
    }

    /** As {@link #open(Vertx, SimulatedStream, int...)}, every socket connecting where {@code route} says. */
    static TestSession open(Vertx vertx, UnaryOperator<String> route, SimulatedStream stream, int... subscribeTo) {
        TestSocket sig = TestSocket.connect(vertx, route.apply(stream.signalingUrl()));
        sig.send(TestMessages.signalingHandshake(stream));
        JsonNode resp = sig.awaitMessage(2);
        assertThat(resp.path("status_code").asInt()).as("msg 2 %s", resp).isZero();
        if (subscribeTo.length > 0) {
            sig.send(TestMessages.subscribe(subscribeTo));
        }
        return new TestSession(vertx, route, stream, sig, resp);
    }

    String mediaUrl(String key) {
        return handshakeResponse.path("media_server").path("server_urls").path(key).asText();
    }

    /** Opens a media socket on the URL under {@code key}, handshakes and (when {@code ready}) sends msg 7. */
    TestSocket media(String key, int mediaType, ObjectNode params, boolean ready) {
        TestSocket m = TestSocket.connect(vertx, route.apply(mediaUrl(key)));
        sockets.add(m);
        m.send(TestMessages.mediaHandshake(stream, mediaType, params).toString());
        JsonNode resp = m.awaitMessage(4);
        assertThat(resp.path("status_code").asInt()).as("msg 4 %s", resp).isZero();
        if (ready) {
            signaling.send(TestMessages.ready(stream));
        }
        return m;
    }

    @Override
    public void close() {
        sockets.forEach(TestSocket::close);
    }
}
