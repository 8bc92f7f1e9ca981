package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.cluster.KafkaStreamPlacement;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.file.RecordingLayout;
import io.camelrtms.testing.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two bundle instances (two Spring applications in this JVM) sharing one Kafka broker and one data
 * directory, with the simulator as Zoom: each stream runs on exactly one of them; stopping one
 * gracefully hands its streams to the other, which rejoins them and continues their recordings; a node
 * that sees another take over a stream it runs (a higher epoch) leaves it and does not reconnect it.
 */
class ClusterHandOverTest {

    static final String CLIENT_ID = "handover-client";
    static final String CLIENT_SECRET = "handover-secret";
    static final String WEBHOOK_SECRET = "handover-webhook";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final int PARTITIONS = 4;

    @TempDir
    Path data;

    KafkaBroker kafka;
    final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    ZoomSimulator zoom;

    @BeforeEach
    void startKafka() {
        kafka = KafkaBroker.start(PARTITIONS);
    }

    @AfterEach
    void stopAll() {
        if (zoom != null) {
            zoom.close();
        }
        nodes.forEach(ConfigurableApplicationContext::close);
        kafka.close();
    }

    /** Extra arguments of the nodes the next {@link #twoNodesStreaming()} starts. */
    List<String> nodeArgs = List.of();

    private ConfigurableApplicationContext startNode(String nodeId) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
                "--rtms.data-dir=" + data, "--rtms.demo.enabled=false",
                "--rtms.zoom.client-id=" + CLIENT_ID, "--rtms.zoom.client-secret=" + CLIENT_SECRET,
                "--rtms.zoom.webhook-secret-token=" + WEBHOOK_SECRET,
                "--rtms.stream.media-types=audio,transcript",
                "--rtms.cluster.node-id=" + nodeId,
                "--rtms.cluster.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--rtms.cluster.kafka.partitions=" + PARTITIONS,
                "--rtms.cluster.kafka.session-timeout=3s",
                "--camel.main.name=" + nodeId,
                "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false"));
        args.addAll(nodeArgs);
        ConfigurableApplicationContext ctx = RtmsApplication.application().run(args.toArray(String[]::new));
        nodes.add(ctx);
        return ctx;
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    private static RtmsComponent rtms(ConfigurableApplicationContext ctx) {
        return ctx.getBean("rtms", RtmsComponent.class);
    }

    private static KafkaStreamPlacement placement(ConfigurableApplicationContext ctx) {
        return ctx.getBean(KafkaStreamPlacement.class);
    }

    /** Two nodes sharing the partitions, Zoom posting webhooks to node-b, and streaming meetings on both nodes. */
    private record TwoNodes(ConfigurableApplicationContext nodeA, ConfigurableApplicationContext nodeB, RtmsComponent a,
                            RtmsComponent b, List<SimulatedStream> streams) {
    }

    private TwoNodes twoNodesStreaming() {
        ConfigurableApplicationContext nodeA = startNode("node-a");
        ConfigurableApplicationContext nodeB = startNode("node-b");
        Awaitility.await().atMost(WAIT).until(() -> placement(nodeA).ownedPartitions() > 0 && placement(nodeB).ownedPartitions() > 0
                && placement(nodeA).ownedPartitions() + placement(nodeB).ownedPartitions() == PARTITIONS);
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(2).keepAliveIntervalMillis(10_000)
                .webhook(URI.create("http://127.0.0.1:" + port(nodeB) + "/api/webhooks/zoom"), WEBHOOK_SECRET).build());
        RtmsComponent a = rtms(nodeA);
        RtmsComponent b = rtms(nodeB);
        // launches streams until each node runs at least one (a bounded number)
        List<SimulatedStream> streams = new ArrayList<>();
        for (int i = 0; i < 16 && (streams.size() < 3 || a.streamIds().isEmpty() || b.streamIds().isEmpty()); i++) {
            SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.benchmark(120_000));
            streams.add(s);
            Awaitility.await().atMost(WAIT).until(() -> a.streamIds().contains(s.streamId()) || b.streamIds().contains(s.streamId()));
        }
        assertThat(a.streamIds()).as("node-a runs a stream").isNotEmpty();
        assertThat(b.streamIds()).as("node-b runs a stream").isNotEmpty();
        Awaitility.await().atMost(WAIT).until(() -> streams.stream().allMatch(s -> s.hasReached(StreamPhase.STREAMING)));
        return new TwoNodes(nodeA, nodeB, a, b, streams);
    }

    @Test
    void eachStreamRunsOnOneNodeAndAStoppingNodeHandsItsStreamsOver() throws Exception {
        TwoNodes n = twoNodesStreaming();
        RtmsComponent a = n.a();
        RtmsComponent b = n.b();
        List<SimulatedStream> streams = n.streams();
        Set<String> ids = streams.stream().map(SimulatedStream::streamId).collect(Collectors.toSet());

        Set<String> onA = a.streamIds();
        assertThat(b.streamIds()).doesNotContainAnyElementsOf(onA);
        Set<String> all = new HashSet<>(onA);
        all.addAll(b.streamIds());
        assertThat(all).isEqualTo(ids);
        assertThat(placement(n.nodeB()).owners()).containsAllEntriesOf(onA.stream().collect(Collectors.toMap(id -> id, id -> "node-a")));

        long t0 = System.nanoTime();
        n.nodeA().close(); // graceful: node-a leaves its streams, then its partitions move to node-b
        Awaitility.await().atMost(WAIT).until(() -> b.streamIds().containsAll(ids));
        Awaitility.await().atMost(WAIT).until(() -> onA.stream().allMatch(id -> "CONNECTED".equals(b.stream(id).lifecycle())
                || "RECONNECTED".equals(b.stream(id).lifecycle())));
        System.out.printf("hand-over of %d stream(s): all streaming on node-b %d ms after node-a began to stop%n", onA.size(),
                (System.nanoTime() - t0) / 1_000_000);

        streams.forEach(s -> s.stop(StopReason.MEETING_ENDED));
        ObjectMapper json = new ObjectMapper();
        for (SimulatedStream s : streams) {
            s.awaitState(StreamPhase.ENDED, WAIT);
            Path dir = RecordingLayout.streamDir(data, "meeting", s.entityId(), s.streamId());
            Path manifestFile = dir.resolve(RecordingLayout.MANIFEST);
            Awaitility.await().atMost(WAIT).until(() -> Files.isRegularFile(manifestFile));
            JsonNode manifest = json.readTree(manifestFile.toFile());
            assertThat(s.violations()).isEmpty();
            try (var files = Files.list(dir)) {
                assertThat(files.filter(p -> p.getFileName().toString().endsWith(".wav")).count()).as("one recording").isEqualTo(1);
            }
            if (onA.contains(s.streamId())) {
                assertThat(s.received(1)).as("joined by node-a, then by node-b").hasSize(2);
                assertThat(s.received(21)).as("node-a left without closing the stream at Zoom").isEmpty();
                JsonNode takeover = manifest.path("outages").get(0);
                assertThat(takeover.path("cause").asText()).isEqualTo("TAKEOVER");
                assertThat(takeover.path("fromNode").asText()).isEqualTo("node-a");
                assertThat(takeover.path("toNode").asText()).isEqualTo("node-b");
                assertThat(takeover.path("to").asLong()).isGreaterThanOrEqualTo(takeover.path("from").asLong());
                System.out.printf("stream %s: takeover outage %d ms%n", s.streamId(), takeover.path("ms").asLong());
            } else {
                assertThat(s.received(1)).as("node-b's own streams were not touched").hasSize(1);
                assertThat(manifest.path("outages").isMissingNode() || manifest.path("outages").isEmpty()).isTrue();
            }
        }
        Awaitility.await().atMost(WAIT).until(() -> placement(n.nodeB()).liveStreamIds().isEmpty());
    }

    @Test
    void theS3SinkUploadsOneCompleteRecordingOfAStreamHandedOver() throws Exception {
        Path s3dir = data.resolveSibling(data.getFileName() + "-s3");
        System.setProperty("aws.accessKeyId", S3ProxyProcess.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyProcess.SECRET_KEY);
        S3ProxyProcess s3 = S3ProxyProcess.start(s3dir);
        try (software.amazon.awssdk.services.s3.S3Client client = s3.client()) {
            client.createBucket(b -> b.bucket("takeover"));
            nodeArgs = List.of("--rtms.sinks.audio=s3", "--rtms.sinks.transcript=s3", "--rtms.s3.bucket=takeover",
                    "--rtms.s3.endpoint-override=" + s3.endpoint(), "--rtms.s3.force-path-style=true", "--rtms.s3.region=us-east-1");
            TwoNodes n = twoNodesStreaming();
            Set<String> onA = n.a().streamIds();
            n.nodeA().close(); // node-a leaves its streams unfinished: the node that sees them stop uploads them
            Awaitility.await().atMost(WAIT).until(() -> n.b().streamIds().containsAll(onA));
            assertThat(onA).allSatisfy(id -> assertThat(keys(client, id)).as("uploaded by the node that left").isEmpty());
            n.streams().forEach(s -> s.stop(StopReason.MEETING_ENDED));
            for (SimulatedStream s : n.streams()) {
                s.awaitState(StreamPhase.ENDED, WAIT);
                Path dir = RecordingLayout.streamDir(data, "meeting", s.entityId(), s.streamId());
                // the manifest is uploaded last: once it is there, the stream's objects are complete
                Awaitility.await().atMost(WAIT).until(() -> keys(client, s.streamId()).stream().anyMatch(k -> k.endsWith("/manifest.json")));
                List<String> keys = keys(client, s.streamId());
                assertThat(keys.stream().filter(k -> k.endsWith(".wav"))).as("one WAV object").hasSize(1);
                String wavKey = keys.stream().filter(k -> k.endsWith(".wav")).findFirst().orElseThrow();
                byte[] wav = client.getObject(b -> b.bucket("takeover").key(wavKey),
                        software.amazon.awssdk.core.sync.ResponseTransformer.toBytes()).asByteArray();
                assertThat(wav).as("the object is the whole shared file, both owners' parts")
                        .isEqualTo(Files.readAllBytes(dir.resolve(wavKey.substring(wavKey.lastIndexOf('/') + 1))));
                // playable: a finished header whose data chunk covers the rest of the file
                int data = new String(wav, 0, Math.min(wav.length, 512), java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("data");
                long dataBytes = java.nio.ByteBuffer.wrap(wav, data + 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
                assertThat(dataBytes).isEqualTo(wav.length - data - 8L).isGreaterThan(0);
                if (onA.contains(s.streamId())) {
                    byte[] manifest = client.getObject(b -> b.bucket("takeover").key(keys.stream()
                            .filter(k -> k.endsWith("/manifest.json")).findFirst().orElseThrow()),
                            software.amazon.awssdk.core.sync.ResponseTransformer.toBytes()).asByteArray();
                    JsonNode takeover = new ObjectMapper().readTree(manifest).path("outages").get(0);
                    assertThat(takeover.path("cause").asText()).isEqualTo("TAKEOVER");
                    assertThat(takeover.path("fromNode").asText()).isEqualTo("node-a");
                }
            }
        } finally {
            s3.close();
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    private static List<String> keys(software.amazon.awssdk.services.s3.S3Client client, String streamId) {
        return client.listObjectsV2Paginator(b -> b.bucket("takeover")).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).filter(k -> k.contains("/" + streamId + "/")).toList();
    }

    @Test
    void aNodeThatSeesANewerOwnerLeavesTheStreamAndDoesNotReconnect() throws Exception {
        TwoNodes n = twoNodesStreaming();
        RtmsComponent a = n.a();
        RtmsComponent b = n.b();
        List<SimulatedStream> streams = n.streams();
        String victim = a.streamIds().iterator().next();
        SimulatedStream s = streams.stream().filter(x -> x.streamId().equals(victim)).findFirst().orElseThrow();
        int joins = s.received(1).size();

        // another node claims the stream under a newer generation, as a node that took over after this one lost its lease
        String state = new String(kafkaValue(n.nodeB(), victim), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"ownerNode\":\"node-a\"", "\"ownerNode\":\"node-x\"").replaceFirst("\"epoch\":\\d+", "\"epoch\":100000");
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>("rtms-streams", partitionOf(n.nodeA(), victim), victim, state)).get();
        }
        Awaitility.await().atMost(WAIT).until(() -> !a.streamIds().contains(victim));
        assertThat(b.streamIds()).doesNotContain(victim);
        // the stream is left, not closed: Zoom got no msg 21, and node-a never comes back to it
        assertThat(s.received(21)).isEmpty();
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> s.received(1).size() == joins);
        assertThat(a.stream(victim).lifecycle()).isEqualTo("INTERRUPTED");
        // the other streams of node-a go on
        assertThat(a.streamIds()).isEqualTo(streams.stream().map(SimulatedStream::streamId)
                .filter(id -> !id.equals(victim) && !b.streamIds().contains(id)).collect(Collectors.toSet()));
    }

    @Test
    void aPausedNodeIsFencedOffItsStreamsAndTheOtherTakesThemOver() throws Exception {
        Process a = startChildNode("node-a");
        try {
            ConfigurableApplicationContext nodeB = startNode("node-b");
            KafkaStreamPlacement pb = placement(nodeB);
            RtmsComponent b = rtms(nodeB);
            Awaitility.await().atMost(WAIT).until(() -> pb.ownedPartitions() > 0 && pb.ownedPartitions() < PARTITIONS);
            // Zoom's keep-alives every second: a socket of the paused node is given up after about three
            zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                    .host("127.0.0.1").port(0).playbackSpeed(2).keepAliveIntervalMillis(1_000)
                    .webhook(URI.create("http://127.0.0.1:" + port(nodeB) + "/api/webhooks/zoom"), WEBHOOK_SECRET).build());
            List<SimulatedStream> streams = new ArrayList<>();
            for (int i = 0; i < 16 && (streams.size() < 3 || !pb.owners().containsValue("node-a")); i++) {
                SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.benchmark(120_000));
                streams.add(s);
                Awaitility.await().atMost(WAIT).until(() -> pb.owners().containsKey(s.streamId()));
            }
            Awaitility.await().atMost(WAIT).until(() -> streams.stream().allMatch(s -> s.hasReached(StreamPhase.STREAMING)));
            Set<String> onA = pb.owners().entrySet().stream().filter(e -> e.getValue().equals("node-a")).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            assertThat(onA).isNotEmpty();
            Set<String> ids = streams.stream().map(SimulatedStream::streamId).collect(Collectors.toSet());

            signal(a, "STOP");
            long t0 = System.nanoTime();
            // past the session timeout node-b owns node-a's partitions and tries to rejoin its streams; Zoom refuses
            // a second signaling connection while the paused node's sockets are open, so node-b retries
            Awaitility.await().atMost(WAIT).until(() -> b.streamIds().containsAll(ids));
            System.out.printf("node-b rejoining %d stream(s) of the paused node %d ms after the pause%n", onA.size(),
                    (System.nanoTime() - t0) / 1_000_000);
            signal(a, "CONT");
            long t1 = System.nanoTime();
            Path log = data.resolve("node-a.log");
            Awaitility.await().atMost(WAIT).until(() -> Files.readString(log).contains("fenced off"));
            // node-a, resumed, finds its lease gone and leaves the streams: node-b's retry gets in
            Awaitility.await().atMost(WAIT).until(() -> onA.stream().allMatch(id -> "CONNECTED".equals(b.stream(id).lifecycle())));
            System.out.printf("streaming on node-b %d ms after node-a resumed%n", (System.nanoTime() - t1) / 1_000_000);

            streams.forEach(s -> s.stop(StopReason.MEETING_ENDED));
            ObjectMapper json = new ObjectMapper();
            for (SimulatedStream s : streams) {
                s.awaitState(StreamPhase.ENDED, WAIT);
                Path manifest = RecordingLayout.streamDir(data, "meeting", s.entityId(), s.streamId()).resolve(RecordingLayout.MANIFEST);
                Awaitility.await().atMost(WAIT).until(() -> Files.isRegularFile(manifest));
                if (onA.contains(s.streamId())) {
                    JsonNode outages = json.readTree(manifest.toFile()).path("outages");
                    assertThat(outages.toString()).contains("\"cause\":\"TAKEOVER\"").contains("\"fromNode\":\"node-a\"");
                }
            }
            // on resuming, node-a left its streams without reconnecting any of them
            assertThat(Files.readString(log)).doesNotContain("reconnected after");
        } finally {
            a.destroyForcibly();
            a.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** A bundle in its own JVM (so it can be paused), logging to node-a.log in the data directory; returns once ready. */
    private Process startChildNode(String nodeId) throws Exception {
        int management = freePort();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(javaBin, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "-Dserver.port=" + freePort(), "-Dserver.address=127.0.0.1", "-Dmanagement.server.port=" + management,
                "-Drtms.data-dir=" + data, "-Drtms.demo.enabled=false", "-Drtms.zoom.client-id=" + CLIENT_ID,
                "-Drtms.zoom.client-secret=" + CLIENT_SECRET, "-Drtms.zoom.webhook-secret-token=" + WEBHOOK_SECRET,
                "-Drtms.stream.media-types=audio,transcript", "-Drtms.cluster.node-id=" + nodeId,
                "-Drtms.cluster.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "-Drtms.cluster.kafka.partitions=" + PARTITIONS, "-Drtms.cluster.kafka.session-timeout=3s",
                RtmsApplication.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve(nodeId + ".log").toFile())).start();
        HttpClient http = HttpClient.newHttpClient();
        URI readiness = URI.create("http://127.0.0.1:" + management + "/actuator/health/readiness");
        Awaitility.await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200);
        return p;
    }

    private static void signal(Process p, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor()).isZero();
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static byte[] kafkaValue(ConfigurableApplicationContext node, String streamId) throws Exception {
        KafkaStreamPlacement p = placement(node);
        return new ObjectMapper().writeValueAsBytes(p.state(streamId));
    }

    private static int partitionOf(ConfigurableApplicationContext node, String streamId) {
        return placement(node).partitionOf(streamId);
    }
}
