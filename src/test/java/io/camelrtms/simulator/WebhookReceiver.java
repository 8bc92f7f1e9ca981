package io.camelrtms.simulator;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny JDK HTTP server on 127.0.0.1 that records webhook posts and answers URL validation itself. */
final class WebhookReceiver implements AutoCloseable {

    /** @param upgrade the request's Upgrade header: Zoom posts plain HTTP/1.1, so none */
    record Request(String timestamp, String signature, String contentType, String upgrade, byte[] body, JsonNode json) {
        String event() {
            return json.path("event").asText();
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final String secretToken;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile int status = 200;

    WebhookReceiver(String secretToken) throws IOException {
        this.secretToken = secretToken;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            JsonNode json = MAPPER.readTree(body);
            requests.add(new Request(exchange.getRequestHeaders().getFirst("x-zm-request-timestamp"),
                    exchange.getRequestHeaders().getFirst("x-zm-signature"),
                    exchange.getRequestHeaders().getFirst("content-type"), exchange.getRequestHeaders().getFirst("upgrade"),
                    body, json));
            byte[] answer = new byte[0];
            if ("endpoint.url_validation".equals(json.path("event").asText())) {
                String plain = json.path("payload").path("plainToken").asText();
                answer = ("{\"plainToken\":\"" + plain + "\",\"encryptedToken\":\""
                        + TestMessages.hmacHex(secretToken, plain) + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook");
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String event) {
        return requests.stream().filter(r -> r.event().equals(event)).toList();
    }

    Request awaitEvent(String event, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> requests(event).size() >= count);
        return requests(event).get(count - 1);
    }

    /** Waits for an event about this stream id. */
    Request awaitEventFor(String event, String streamId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> requests(event).stream()
                .anyMatch(r -> r.json().path("payload").path("rtms_stream_id").asText().equals(streamId)));
        return requests(event).stream()
                .filter(r -> r.json().path("payload").path("rtms_stream_id").asText().equals(streamId)).findFirst().orElseThrow();
    }

    /** Checks the Zoom signature independently of the production code. */
    boolean signatureValid(Request r) {
        String expected = "v0=" + TestMessages.hmacHex(secretToken,
                "v0:" + r.timestamp() + ":" + new String(r.body(), StandardCharsets.UTF_8));
        return expected.equals(r.signature());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
