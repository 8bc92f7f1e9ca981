package io.camelrtms.zoomapi;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Zoom's OAuth server ({@code POST /oauth/token}) and REST API (everything under
 * {@code /v2/}) on 127.0.0.1: records every request as it arrived and answers from queues of canned
 * responses. Tokens are {@code token-1}, {@code token-2}, … unless a test queues something else.
 */
public final class FakeZoomApi implements AutoCloseable {

    /** One request as the fake saw it: the raw (still percent-encoded) path and query. */
    public record Recorded(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    /** A canned answer. */
    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<Recorded> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<Recorded> apiRequests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> tokenAnswers = new ArrayDeque<>();
    private final Deque<Answer> apiAnswers = new ArrayDeque<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile CountDownLatch apiHold;
    private volatile long tokenLifetimeSeconds = 3599;

    public FakeZoomApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth/token", this::token);
        server.createContext("/v2/", this::api);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Recorded> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    public List<Recorded> apiRequests() {
        return List.copyOf(apiRequests);
    }

    /** The next token request gets this answer instead of a fresh token. */
    public synchronized FakeZoomApi answerTokenWith(int status, String body) {
        tokenAnswers.add(new Answer(status, body));
        return this;
    }

    /** The next API request gets this answer instead of 204. */
    public synchronized FakeZoomApi answerApiWith(int status, String body) {
        apiAnswers.add(new Answer(status, body));
        return this;
    }

    /** The {@code expires_in} of the tokens issued from now on; 0 makes every call fetch a new one. */
    public FakeZoomApi tokenLifetime(long seconds) {
        tokenLifetimeSeconds = seconds;
        return this;
    }

    /** API requests wait for this latch (bounded) before answering, to let callers time out. */
    public void holdApiAnswers(CountDownLatch until) {
        apiHold = until;
    }

    public synchronized void reset() {
        tokenRequests.clear();
        apiRequests.clear();
        tokenAnswers.clear();
        apiAnswers.clear();
        apiHold = null;
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.add(record(exchange));
        Answer answer;
        synchronized (this) {
            answer = tokenAnswers.poll();
        }
        if (answer == null) {
            answer = new Answer(200, "{\"access_token\":\"token-" + issued.incrementAndGet()
                    + "\",\"token_type\":\"bearer\",\"expires_in\":" + tokenLifetimeSeconds + ",\"scope\":\"meeting:update:participant_rtms_app_status:admin\","
                    + "\"api_url\":\"https://api.zoom.us\"}");
        }
        respond(exchange, answer);
    }

    private void api(HttpExchange exchange) throws IOException {
        apiRequests.add(record(exchange));
        CountDownLatch hold = apiHold;
        if (hold != null) {
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Answer answer;
        synchronized (this) {
            answer = apiAnswers.poll();
        }
        respond(exchange, answer != null ? answer : new Answer(204, null));
    }

    private static Recorded record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Headers headers = exchange.getRequestHeaders();
        return new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body);
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        try (exchange) {
            if (answer.body() == null) {
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client went away (a test of its timeout); nothing to answer
        }
    }

    @Override
    public void close() {
        CountDownLatch hold = apiHold;
        if (hold != null) {
            hold.countDown();
        }
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
