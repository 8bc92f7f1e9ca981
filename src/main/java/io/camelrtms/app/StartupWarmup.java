package io.camelrtms.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.component.StreamEnded;
import io.camelrtms.media.AudioDecodingProcessor;
import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.WebhookEvents;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.WebhookSender;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.file.FileRecorder;
import io.camelrtms.sink.file.OpusRecording;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

/**
 * Runs a few short streams through the join path before the bundle reports ready
 * ({@code rtms.warmup.enabled}): a fresh JVM otherwise pays class loading, the first WebSocket
 * connect and the JIT's warm-up on its first real streams, seconds each while hundreds join.
 *
 * <p>A Spring {@link ApplicationRunner}: Spring publishes readiness ({@code ACCEPTING_TRAFFIC}) only
 * after every runner returned, so {@code /actuator/health/readiness} stays DOWN while this runs. It
 * posts one signed URL validation to the bundle's own webhook route (the web stack and the signature
 * check, changing nothing), then plays streams of the built-in simulator on 127.0.0.1 to a private
 * instance of the {@code rtms:} component, with the bundle's stream options, whose route decodes and
 * records into a temporary directory deleted afterwards. Nothing reaches the data directory, the
 * bundle's {@code rtms:} component (its streams, registry, "recent" list and counters) or Kafka.
 */
public class StartupWarmup implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmup.class);
    static final String SCHEME = "rtms-warmup";
    static final String ROUTE_ID = "rtms-warmup";
    /** The warm-up's stream ids start with this; no Zoom stream id does (Zoom's are hex). */
    static final String STREAM_ID_PREFIX = "rtmswarmup";

    private final CamelContext camel;
    private final RtmsComponent rtms;
    private final ZoomProperties zoom;
    private final String webhookPath;
    private final RecordingProperties recording;
    private final Environment env;
    private final int streams;
    private final Duration length;
    private final Duration timeout;
    private volatile int finishedStreams = -1;

    public StartupWarmup(CamelContext camel, RtmsComponent rtms, ZoomProperties zoom, String webhookPath,
                         RecordingProperties recording, Environment env, int streams, Duration length, Duration timeout) {
        this.camel = camel;
        this.rtms = rtms;
        this.zoom = zoom;
        this.webhookPath = webhookPath;
        this.recording = recording;
        this.env = env;
        this.streams = streams;
        this.length = length;
        this.timeout = timeout;
    }

    /** Streams the last warm-up played to their end; -1 before it ran (or when it was skipped). */
    public int finishedStreams() {
        return finishedStreams;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!env.getProperty("rtms.cluster.kafka.bootstrap-servers", "").isBlank()) {
            // a cluster node's streams are placed through Kafka; the warm-up stays out of it
            LOG.info("Start-up warm-up skipped: cluster mode");
            return;
        }
        if (!camel.isStarted()) {
            LOG.info("Start-up warm-up skipped: the Camel context is not running");
            return;
        }
        long t0 = System.nanoTime();
        try {
            int done;
            try (AutoCloseable quietStreams = WarmupLogFilter.install(STREAM_ID_PREFIX)) {
                done = warmUp();
            }
            finishedStreams = done;
            LOG.info("Start-up warm-up: {} of {} streams joined and played in {} ms (rtms.warmup.enabled=false turns it off)",
                    done, streams, (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception e) {
            // a warm-up is an optimisation: the bundle starts without it
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            LOG.warn("Start-up warm-up did not complete after {} ms: {}", (System.nanoTime() - t0) / 1_000_000, cause.toString());
        }
    }

    private int warmUp() throws Exception {
        Path scratch = Files.createTempDirectory("rtms-warmup");
        RtmsComponent component = new RtmsComponent();
        component.setConfiguration(rtms.getConfiguration().copy());
        FileRecorder recorder = new FileRecorder(MediaPipelineConfiguration.recorderSettings(recording)
                .withDataDir(scratch).withRecoverOnStart(false), new ObjectMapper());
        RecordingProperties.Audio a = recording.getAudio();
        AudioDecodingProcessor decoder = new AudioDecodingProcessor(a.getGapTolerance(), a.getMaxConcealment(),
                OpusRecording.parse(recording.getRecording().getOpus()));
        CountDownLatch ended = new CountDownLatch(streams);
        String port = env.getProperty("local.server.port");
        // No webhook sender in the simulator: its streams' started and stopped webhooks would reach the
        // bundle's component. They are handed to the private component below instead.
        try (ZoomSimulator sim = ZoomSimulator.start(SimulatorConfig.builder()
                .clientId(zoom.clientId()).clientSecret(zoom.clientSecret()).host("127.0.0.1").port(0).build())) {
            if (port != null && zoom.hasWebhookSecretToken()) {
                // answered by the webhook route itself (a hash of the token), nothing handed on
                new WebhookSender(URI.create("http://127.0.0.1:" + port + webhookPath), zoom.webhookSecretToken())
                        .validateEndpoint("rtms-warmup");
            }
            camel.addComponent(SCHEME, component);
            recorder.setCamelContext(camel);
            recorder.start();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(SCHEME + ":warmup").routeId(ROUTE_ID)
                            .choice().when(header(RtmsConstants.MEDIA_TYPE).isEqualTo("AUDIO"))
                                .process(decoder)
                            .end()
                            .process(recorder)
                            .filter(e -> StreamEnded.isEnd(e.getMessage()))
                            .process(e -> ended.countDown());
                }
            });
            MeetingScript script = MeetingScript.benchmark(length.toMillis());
            try (ProducerTemplate template = camel.createProducerTemplate()) {
                for (int i = 0; i < streams; i++) {
                    SimulatedStream s = sim.createStream(Product.MEETING, "rtms-warmup-" + i + "==", STREAM_ID_PREFIX + i, script);
                    ControlMessage started = WebhookEvents.parse(s.startedWebhook()).orElseThrow();
                    template.sendBody(SCHEME + ":warmup", started);
                }
            }
            ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return streams - (int) ended.getCount();
        } finally {
            if (camel.getRoute(ROUTE_ID) != null) {
                camel.getRouteController().stopRoute(ROUTE_ID, 5, TimeUnit.SECONDS);
                camel.removeRoute(ROUTE_ID);
            }
            camel.removeComponent(SCHEME);
            component.stop();
            recorder.stop();
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
