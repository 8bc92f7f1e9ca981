package io.camelrtms.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's) standing in for a user's pipeline: it records every
 * request and answers as the test tells it, including too late (past the client's timeout).
 * It can be stopped and started again on the same port to play an outage.
 */
final class HttpReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String path, Map<String, String> headers, byte[] body, int answered) {

        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        String key() {
            return header("Idempotency-Key");
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** How to answer: a status, and optionally a delay before it. */
    record Answer(int status, long delayMillis) {
        static Answer ok() {
            return new Answer(200, 0);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final CountDownLatch never = new CountDownLatch(1);
    private volatile Function<Received, Answer> answers = r -> Answer.ok();
    private HttpServer server;
    private int port;

    static HttpReceiver start() throws IOException {
        HttpReceiver r = new HttpReceiver();
        r.bind(0);
        return r;
    }

    private void bind(int p) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", p), 50);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
        port = server.getAddress().getPort();
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void answer(Function<Received, Answer> answers) {
        this.answers = answers;
    }

    /** Stops listening: connections are refused. */
    void stop() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    void restart() throws IOException {
        bind(port);
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> received(Predicate<Received> which) {
        return received.stream().filter(which).collect(Collectors.toList());
    }

    /** Requests answered 2xx, i.e. delivered. */
    List<Received> delivered(Predicate<Received> which) {
        return received.stream().filter(r -> r.answered() / 100 == 2).filter(which).collect(Collectors.toList());
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        Received probe = new Received(ex.getRequestURI().getPath(), headers, body, 0);
        Answer a = answers.apply(probe);
        // recorded in arrival order; a late answer is still a request the receiver got
        received.add(new Received(probe.path(), headers, body, a.status()));
        if (a.delayMillis() > 0) {
            try {
                // answers late on purpose: the client has given up by then
                never.await(a.delayMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            ex.sendResponseHeaders(a.status(), -1);
        } catch (IOException clientGone) {
            // the client timed out and closed the connection
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
