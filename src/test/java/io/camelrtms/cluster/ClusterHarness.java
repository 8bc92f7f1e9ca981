package io.camelrtms.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.app.RtmsApplication;
import io.camelrtms.testing.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A cluster on one machine for tests and the takeover benchmark: a Kafka broker in this JVM and
 * bundle replicas as child JVMs started like the README's run command (as GracefulShutdownTest starts
 * one), each with its own node id, server and management ports and log file, all sharing one data
 * directory (the ReadWriteMany volume of a real deployment). Replicas can be killed ({@code kill -9}),
 * stopped gracefully (SIGTERM), paused and resumed ({@code kill -STOP} / {@code -CONT}) and started again.
 */
final class ClusterHarness implements AutoCloseable {

    static final String CLIENT_ID = "cluster-client";
    static final String CLIENT_SECRET = "cluster-secret";
    static final String WEBHOOK_SECRET = "cluster-webhook";
    static final String API_TOKEN = "cluster-status-api-token";
    static final Duration READY = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaBroker broker;
    private final Path data;
    private final Path logs;
    private final List<Replica> replicas = new ArrayList<>();
    private final Thread killOnExit = new Thread(this::destroyAll, "cluster-harness-cleanup");

    private ClusterHarness(KafkaBroker broker, Path root) throws IOException {
        this.broker = broker;
        this.data = Files.createDirectories(root.resolve("data"));
        this.logs = Files.createDirectories(root.resolve("logs"));
        // a test JVM that dies must not leave replicas running
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts a broker and {@code count} replicas (node ids r1, r2, …) under {@code root}, and waits
     * until every replica is ready (in the cluster: has its first partitions).
     *
     * @param settings further {@code --name=value} arguments for every replica
     */
    static ClusterHarness start(Path root, int count, List<String> jvmOptions, String... settings) throws IOException {
        return start(root, count, true, jvmOptions, settings);
    }

    /** As {@link #start(Path, int, List, String...)}; without {@code kafka} no broker: independent bundles, the cluster off. */
    static ClusterHarness start(Path root, int count, boolean kafka, List<String> jvmOptions, String... settings) throws IOException {
        KafkaBroker broker = kafka ? KafkaBroker.start(12) : null;
        ClusterHarness h = new ClusterHarness(broker, root);
        try {
            for (int i = 1; i <= count; i++) {
                h.replicas.add(new Replica(h, "r" + i, freePort(), freePort(), jvmOptions, List.of(settings)));
            }
            for (Replica r : h.replicas) {
                r.start();
            }
            for (Replica r : h.replicas) {
                r.awaitReady();
            }
            return h;
        } catch (IOException | RuntimeException | Error e) {
            h.close();
            throw e;
        }
    }

    Path dataDir() {
        return data;
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** An admin client on the broker; the caller closes it. */
    org.apache.kafka.clients.admin.Admin admin() {
        return broker.admin();
    }

    List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    /**
     * Waits until the consumer group has settled: every live replica owns partitions, together all
     * {@code partitions} of the control topic, and that held for {@code quiet}. A replica restarted or
     * resumed by an earlier scenario can still be rejoining (a cooperative rebalance takes two rounds),
     * and a stream started meanwhile would be handed over, joining twice.
     */
    void awaitSettledGroup(int partitions, Duration quiet) {
        Awaitility.await("a settled consumer group").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().during(quiet).until(() -> {
                    int total = 0;
                    for (Replica r : replicas) {
                        int owned = r.ownedPartitions();
                        if (owned <= 0) {
                            return false;
                        }
                        total += owned;
                    }
                    return total == partitions;
                });
    }

    Replica replica(String nodeId) {
        return replicas.stream().filter(r -> r.nodeId.equals(nodeId)).findFirst().orElseThrow();
    }

    /** The webhook URL of every replica, in node order: the simulator's targets. */
    List<URI> webhookUrls() {
        return replicas.stream().map(Replica::webhookUrl).toList();
    }

    /** Every replica's log lines since {@link #markLogs()}, for a failure message. */
    String logsSinceMark() {
        StringBuilder b = new StringBuilder();
        for (Replica r : replicas) {
            b.append("---- ").append(r.nodeId).append(" (").append(r.log).append(")\n").append(r.logSinceMark());
        }
        return b.toString();
    }

    /** Marks the end of every replica's log so far. */
    void markLogs() {
        replicas.forEach(Replica::markLog);
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs anyway
        }
    }

    private void destroyAll() {
        for (Replica r : replicas) {
            r.destroy();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One bundle replica: a child JVM that can be stopped in the ways a node dies or is replaced, and started again. */
    static final class Replica {
        final String nodeId;
        final int port;
        final int managementPort;
        final Path log;
        private final ClusterHarness cluster;
        private final List<String> jvmOptions;
        private final List<String> settings;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private volatile Process process;
        private volatile boolean paused;

        Replica(ClusterHarness cluster, String nodeId, int port, int managementPort, List<String> jvmOptions, List<String> settings) {
            this.cluster = cluster;
            this.nodeId = nodeId;
            this.port = port;
            this.managementPort = managementPort;
            this.log = cluster.logs.resolve(nodeId + ".log");
            this.jvmOptions = jvmOptions;
            this.settings = settings;
        }

        /** Starts the JVM (the log is appended to across restarts); does not wait for readiness. */
        void start() throws IOException {
            if (process != null && process.isAlive()) {
                throw new IllegalStateException(nodeId + " is running");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m"));
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RtmsApplication.class.getName(),
                    "--server.port=" + port, "--server.address=127.0.0.1", "--management.server.port=" + managementPort,
                    "--management.server.address=127.0.0.1",
                    "--rtms.data-dir=" + cluster.data, "--rtms.demo.enabled=false",
                    "--rtms.zoom.client-id=" + CLIENT_ID, "--rtms.zoom.client-secret=" + CLIENT_SECRET,
                    "--rtms.zoom.webhook-secret-token=" + WEBHOOK_SECRET, "--rtms.api-token=" + API_TOKEN));
            if (cluster.broker != null) {
                cmd.addAll(List.of("--rtms.cluster.kafka.bootstrap-servers=" + cluster.broker.bootstrapServers(),
                        "--rtms.cluster.node-id=" + nodeId));
            }
            cmd.addAll(settings);
            Files.writeString(log, "==== start " + nodeId + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            paused = false;
        }

        /** Waits until readiness answers 200 (in the cluster: after the first partition assignment). */
        void awaitReady() {
            URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
            Awaitility.await("readiness of " + nodeId).atMost(READY).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(nodeId + " exited with " + process.exitValue() + ":\n" + logTail(40));
                        }
                        return http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        }

        /** The control topic's partitions this replica owns, from its {@code rtms_cluster_partitions} gauge. */
        int ownedPartitions() throws IOException, InterruptedException {
            URI metrics = URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus");
            String body = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith("rtms_cluster_partitions{")) {
                    return (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            throw new IllegalStateException(nodeId + " has no rtms_cluster_partitions gauge");
        }

        /** Starts it again and waits until it is ready. */
        void restart() throws IOException {
            start();
            awaitReady();
        }

        /** {@code kill -9}: the process dies at once, its sockets are closed by the kernel, its files stay as they are. */
        void kill() {
            resumeIfPaused();
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
        }

        /** SIGTERM, as a rolling restart sends, and waits until the JVM has exited (its graceful shutdown). */
        void terminate() {
            process.destroy();
            waitForExit(Duration.ofSeconds(90));
        }

        /** {@code kill -STOP}: the JVM freezes with its sockets open, as in a long GC pause or a VM stall. */
        void pause() {
            signal("STOP");
            paused = true;
        }

        /** {@code kill -CONT}. */
        void resume() {
            signal("CONT");
            paused = false;
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        long pid() {
            return process.pid();
        }

        /** CPU time the JVM used so far (user and system). */
        Duration cpu() {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }

        URI webhookUrl() {
            return URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom");
        }

        /** The stream ids this replica reports as active in its status API. */
        Set<String> activeStreams() {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/streams"))
                        .header("Authorization", "Bearer " + API_TOKEN).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(nodeId + ": GET /api/streams answered " + r.statusCode());
                }
                JsonNode body = JSON.readTree(r.body());
                Set<String> ids = new HashSet<>();
                for (JsonNode s : body.path("active")) {
                    ids.add(s.path("streamId").asText());
                }
                return ids;
            } catch (IOException e) {
                throw new UncheckedIOException(nodeId + ": status API", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private volatile int mark;

        void markLog() {
            try {
                mark = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8).size() : 0;
            } catch (IOException e) {
                mark = 0;
            }
        }

        String logSinceMark() {
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", all.subList(Math.min(mark, all.size()), all.size())) + "\n";
            } catch (IOException e) {
                return "(no log: " + e + ")\n";
            }
        }

        String logTail(int lines) {
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
            } catch (IOException e) {
                return "(no log: " + e + ")\n";
            }
        }

        /** Log lines containing {@code text}. */
        List<String> logLines(String text) {
            try {
                return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(text)).toList();
            } catch (IOException e) {
                return List.of();
            }
        }

        void destroy() {
            Process p = process;
            if (p != null && p.isAlive()) {
                resumeIfPaused();
                p.destroyForcibly();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void resumeIfPaused() {
            if (paused) {
                resume();
            }
        }

        private void waitForExit(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError(nodeId + " did not exit within " + timeout + ":\n" + logTail(40));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void signal(String name) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
                if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                    throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return nodeId + "(pid " + (process == null ? "-" : process.pid()) + ", port " + port + ")";
        }
    }
}
