package io.camelrtms.cluster;

import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.simulator.Join;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.SocketRole;
import io.camelrtms.simulator.WebhookSender;
import io.camelrtms.simulator.ZoomSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;

/**
 * The takeover benchmark behind bench/cluster.sh (not a test): three replicas on one machine, N streams
 * placed on one of them (stream ids chosen to hash into its partitions), {@code kill -9} of that replica,
 * and per stream the time from the kill to its first media connection accepted on a survivor (the
 * simulator's join records); and the bundle CPU per stream-minute of the same streams with the cluster
 * off (one bundle, no Kafka) and on (three replicas, summed; the broker, in this JVM, not counted).
 *
 * <pre>java -cp &lt;test class path&gt; io.camelrtms.cluster.TakeoverBenchmark [--victim-streams 100,300]
 *      [--cpu-streams 100] [--cpu-seconds 60] [--out file.md]</pre>
 */
public final class TakeoverBenchmark {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> JVM = List.of("-Xmx768m");
    private static final String[] SETTINGS = {"--spring.main.banner-mode=off", "--logging.level.root=WARN",
            "--logging.level.io.camelrtms=WARN"};
    private static final int PARTITIONS = 12;

    private TakeoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> victimStreams = List.of(100, 300);
        int cpuStreams = 100;
        int cpuSeconds = 60;
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--victim-streams" -> victimStreams = List.of(args[i + 1].split(",")).stream().map(Integer::parseInt).toList();
                case "--cpu-streams" -> cpuStreams = Integer.parseInt(args[i + 1]);
                case "--cpu-seconds" -> cpuSeconds = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path root = Files.createTempDirectory("camel-rtms-cluster-bench");
        StringBuilder report = new StringBuilder();
        report.append("| run | streams | result |\n|---|---:|---|\n");

        double off = cpuPerStreamMinute(root.resolve("off"), false, cpuStreams, cpuSeconds);
        double on = cpuPerStreamMinute(root.resolve("on"), true, cpuStreams, cpuSeconds);
        report.append(String.format("| CPU per stream-minute, cluster off (1 bundle) | %d | %.3f CPU-s |%n", cpuStreams, off));
        report.append(String.format("| CPU per stream-minute, cluster on (3 replicas, summed) | %d | %.3f CPU-s (x%.2f) |%n",
                cpuStreams, on, on / off));
        for (int n : victimStreams) {
            report.append(takeover(root.resolve("takeover-" + n), n));
        }
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        }
        System.exit(0);
    }

    /** CPU seconds per stream-minute of {@code streams} real-time meetings over a window of {@code seconds}. */
    private static double cpuPerStreamMinute(Path root, boolean cluster, int streams, int seconds) throws Exception {
        try (ClusterHarness h = ClusterHarness.start(root, cluster ? 3 : 1, cluster, JVM, SETTINGS);
             ZoomSimulator zoom = simulator(h)) {
            List<SimulatedStream> list = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                list.add(launch(zoom, h, randomStreamId(), i));
            }
            awaitMedia(list);
            Thread.sleep(5_000); // let the joins' work settle before the window (a benchmark, not a test)
            long cpu0 = cpuNanos(h);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu = cpuNanos(h) - cpu0;
            double minutes = (System.nanoTime() - t0) / 60e9;
            log(String.format("cluster %s: %d streams, %.1f CPU-s over %.1f s", cluster ? "on" : "off", streams, cpu / 1e9, minutes * 60));
            list.forEach(s -> s.stop(StopReason.HOST_TRIGGERED));
            return cpu / 1e9 / (streams * minutes);
        }
    }

    /** {@code n} streams on r1, {@code kill -9} of r1, the time to each stream's first media on a survivor. */
    private static String takeover(Path root, int n) throws Exception {
        try (ClusterHarness h = ClusterHarness.start(root, 3, JVM, SETTINGS);
             ZoomSimulator zoom = simulator(h)) {
            ClusterHarness.Replica victim = h.replica("r1");
            // the group is stable once its members own all partitions between them, r1 some of them
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> partitionsOf(h, "rtms-ownership-").size() == PARTITIONS && !partitionsOf(h, "rtms-ownership-r1-").isEmpty());
            Set<Integer> owned = partitionsOf(h, "rtms-ownership-r1-");
            List<SimulatedStream> list = new ArrayList<>();
            for (int i = 0; list.size() < n; i++) {
                String id = randomStreamId();
                if (owned.contains(Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS)) {
                    list.add(launch(zoom, h, id, i));
                }
            }
            awaitMedia(list);
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> victim.activeStreams().size() == n);
            Thread.sleep(5_000);
            Instant killed = Instant.now();
            victim.kill();
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> list.stream().allMatch(s -> firstMediaAfter(s, killed) != null));
            List<Long> millis = list.stream().map(s -> Duration.between(killed, firstMediaAfter(s, killed)).toMillis()).sorted().toList();
            long concurrent = list.stream().filter(s -> !s.violations().isEmpty()).count();
            list.forEach(s -> s.stop(StopReason.HOST_TRIGGERED));
            String line = String.format("| takeover after kill -9, time to first media on a survivor | %d | p50 %d ms, p95 %d ms, max %d ms;"
                    + " streams with a violation: %d |%n", n, pct(millis, 50), pct(millis, 95), millis.get(millis.size() - 1), concurrent);
            log(line.trim());
            return line;
        }
    }

    private static Instant firstMediaAfter(SimulatedStream s, Instant t) {
        return s.joins(SocketRole.MEDIA).stream().map(Join::at).filter(at -> at.isAfter(t)).min(Instant::compareTo).orElse(null);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** The control topic partitions the member whose client id starts with {@code prefix} owns. */
    private static Set<Integer> partitionsOf(ClusterHarness h, String prefix) throws Exception {
        try (Admin admin = h.admin()) {
            ConsumerGroupDescription g = admin.describeConsumerGroups(List.of("camel-rtms")).all().get(30, TimeUnit.SECONDS).get("camel-rtms");
            return g.members().stream().filter(m -> m.clientId().startsWith(prefix))
                    .flatMap(m -> m.assignment().topicPartitions().stream()).filter(tp -> tp.topic().equals("rtms-control"))
                    .map(TopicPartition::partition).collect(Collectors.toSet());
        }
    }

    private static ZoomSimulator simulator(ClusterHarness h) {
        return ZoomSimulator.start(SimulatorConfig.builder().clientId(ClusterHarness.CLIENT_ID).clientSecret(ClusterHarness.CLIENT_SECRET)
                .host("127.0.0.1").port(0).serverInstances(2).acceptConcurrentSignaling(true)
                .webhooks(h.webhookUrls(), ClusterHarness.WEBHOOK_SECRET).build());
    }

    /** A 10-minute meeting with this stream id, its started webhook posted to a replica in turn. */
    private static SimulatedStream launch(ZoomSimulator zoom, ClusterHarness h, String streamId, int i) throws InterruptedException {
        byte[] uuid = new byte[16];
        RANDOM.nextBytes(uuid);
        SimulatedStream s = zoom.createStream(Product.MEETING, Base64.getEncoder().encodeToString(uuid), streamId,
                MeetingScript.benchmark(600_000));
        WebhookSender sender = new WebhookSender(h.webhookUrls().get(i % h.webhookUrls().size()), ClusterHarness.WEBHOOK_SECRET);
        int status = sender.send(s.startedWebhook());
        if (status != 200) {
            throw new IllegalStateException("started webhook answered " + status);
        }
        Thread.sleep(20);
        return s;
    }

    private static void awaitMedia(List<SimulatedStream> list) {
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> list.stream().allMatch(s -> s.sent(MediaKind.AUDIO) > 0));
    }

    private static long cpuNanos(ClusterHarness h) {
        return h.replicas().stream().mapToLong(r -> r.cpu().toNanos()).sum();
    }

    private static String randomStreamId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static void log(String line) {
        System.err.println("[cluster-bench] " + line);
    }

    static {
        // keep the broker's and the simulator's own logging out of the figures' output
        System.setProperty("java.util.logging.config.file", "/dev/null");
    }
}
