package io.camelrtms.simulator;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A deliberately minimal RTMS test client socket on raw Vert.x: it records every frame, answers
 * keep-alives when asked to, and lets the test send anything (including wrong things). It shares
 * nothing with the product's client so the simulator is checked independently.
 */
final class TestSocket implements AutoCloseable {

    /** One frame received from the simulator. */
    record Frame(String text, byte[] bytes, JsonNode json, boolean binary, long atNanos) {
        int msgType() {
            return json != null && json.has("msg_type") && json.get("msg_type").isInt() ? json.get("msg_type").asInt() : -1;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final WebSocketClient client;
    private final WebSocket ws;
    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();
    /** Maps a received msg 12 to the msg 13 text to send back, or null to stay silent. */
    volatile Function<JsonNode, String> keepAliveAnswer = ka -> "{\"msg_type\":13,\"timestamp\":" + ka.get("timestamp").asLong() + "}";

    private TestSocket(WebSocketClient client, WebSocket ws) {
        this.client = client;
        this.ws = ws;
    }

    static TestSocket connect(Vertx vertx, String url) {
        return connect(vertx, url, null, null);
    }

    static TestSocket connect(Vertx vertx, String url, String trustStore, String password) {
        WebSocketClientOptions options = new WebSocketClientOptions().setMaxMessageSize(8 * 1024 * 1024)
                .setMaxFrameSize(65536).setConnectTimeout(5000);
        if (trustStore != null) {
            options.setTrustOptions(new PfxOptions().setPath(trustStore).setPassword(password)).setVerifyHost(true);
        }
        WebSocketClient client = vertx.createWebSocketClient(options);
        WebSocketConnectOptions connect = new WebSocketConnectOptions().setAbsoluteURI(url);
        CompletableFuture<TestSocket> result = new CompletableFuture<>();
        client.connect(connect).onSuccess(ws -> {
            TestSocket s = new TestSocket(client, ws);
            ws.textMessageHandler(t -> s.onFrame(t, t.getBytes(StandardCharsets.UTF_8), false));
            ws.binaryMessageHandler(b -> s.onFrame(b.toString(StandardCharsets.UTF_8), b.getBytes(), true));
            ws.closeHandler(v -> s.closed.complete(ws.closeStatusCode()));
            ws.exceptionHandler(e -> { }); // a write racing the server's close is expected in these tests
            result.complete(s);
        }).onFailure(result::completeExceptionally);
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            client.close();
            throw new IllegalStateException("could not connect to " + url + ": " + e, e);
        }
    }

    private void onFrame(String text, byte[] bytes, boolean binary) {
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (Exception e) {
            json = null;
        }
        Frame f = new Frame(text, bytes, json, binary, System.nanoTime());
        frames.add(f);
        if (f.msgType() == 12) {
            String answer = keepAliveAnswer.apply(json);
            if (answer != null) {
                send(answer);
            }
        }
    }

    void send(String text) {
        ws.writeTextMessage(text);
    }

    void sendBinary(String text) {
        ws.writeBinaryMessage(Buffer.buffer(text));
    }

    List<Frame> frames() {
        return List.copyOf(frames);
    }

    List<JsonNode> messages(int msgType) {
        return frames.stream().filter(f -> f.msgType() == msgType).map(Frame::json).toList();
    }

    /** Waits for the first message of this type (received at any time so far). */
    JsonNode awaitMessage(int msgType) {
        return awaitMessage(m -> m.path("msg_type").asInt(-1) == msgType, Duration.ofSeconds(10));
    }

    JsonNode awaitMessage(Predicate<JsonNode> match, Duration timeout) {
        await().pollInterval(Duration.ofMillis(10)).atMost(timeout).until(() -> frames.stream().anyMatch(f -> f.json() != null && match.test(f.json())));
        return frames.stream().filter(f -> f.json() != null && match.test(f.json())).findFirst().orElseThrow().json();
    }

    /** Waits until the simulator closed the socket; returns the close status code. */
    Short awaitClosed() {
        try {
            return closed.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket was not closed: " + e);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!ws.isClosed()) {
            ws.close();
        }
        client.close();
    }
}
