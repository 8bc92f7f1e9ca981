package io.camelrtms.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.app.TranscriptFeed;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.component.RtmsHeadersMapFactory;
import io.camelrtms.media.AudioDecodingProcessor;
import io.camelrtms.sink.file.FileRecorder;
import io.camelrtms.sink.file.RecorderSettings;
import io.camelrtms.sink.routing.RtmsSinks;
import io.camelrtms.sink.routing.SinkDispatchRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The route part of the hot path: one decoded-to-be AUDIO exchange, with the headers the
 * {@code rtms:} consumer sets, through {@code routes/media.yaml} as shipped (its {@code from}
 * replaced by a direct endpoint) into the real file sink, writing 16 kHz mono L16 for
 * {@code streams} streams in turn. Run from the repository root (it reads {@code routes/media.yaml}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class RouteBenchmark {

    @Param("100")
    int streams;

    CamelContext camel;
    Endpoint entry;
    Processor route;
    Path data;
    byte[] pcm;
    long[] timestamps;
    long[] sequences;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        data = Files.createTempDirectory("rtms-jmh-route-");
        camel = new DefaultCamelContext();
        // -Dbench.headersMap=rtms gives the messages RtmsHeadersMap instead of Camel's TreeMap, as the bundle does
        if ("rtms".equals(System.getProperty("bench.headersMap"))) {
            camel.getCamelContextExtension().setHeadersMapFactory(new RtmsHeadersMapFactory());
        }
        RtmsSinks sinks = new RtmsSinks(Map.of());
        camel.getRegistry().bind("rtmsSinks", sinks);
        camel.addRoutes(new SinkDispatchRoutes(sinks));
        camel.getRegistry().bind("rtmsAudioDecoder", new AudioDecodingProcessor(Duration.ofMillis(10), Duration.ofMillis(100)));
        FileRecorder recorder = new FileRecorder(RecorderSettings.defaults(data), new ObjectMapper());
        camel.getRegistry().bind("rtmsFileRecorder", recorder);
        camel.getRegistry().bind("liveTranscripts", new TranscriptFeed());
        camel.addService(recorder, true, true);
        // -Dbench.routes=other.yaml measures a variant of the media routes
        String media = Files.readString(Path.of(System.getProperty("bench.routes", "routes/media.yaml"))).replace("uri: \"rtms:engagement\"", "uri: \"direct:rtms-bench\"");
        // the file sink route as routes/sinks.yaml has it, its first route (the others need the s3/http beans)
        String sinkRoutes = Files.readString(Path.of("routes/sinks.yaml"));
        int fileSinkStart = sinkRoutes.indexOf("- route:\n    id: rtms-sink-file\n");
        int fileSinkEnd = sinkRoutes.indexOf("\n- route:", fileSinkStart + 1);
        if (fileSinkStart < 0 || fileSinkEnd < 0) {
            throw new IllegalStateException("routes/sinks.yaml no longer has the rtms-sink-file route followed by others");
        }
        String fileSink = sinkRoutes.substring(fileSinkStart, fileSinkEnd + 1);
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.fromString("media.yaml", media), ResourceHelper.fromString("sink-file.yaml", fileSink));
        camel.start();
        entry = camel.getEndpoint("direct:rtms-bench");
        route = camel.getRoute("rtms-media").getConsumer().getProcessor();
        pcm = FramePathBenchmark.tone(16000, 1, 20, 1000);
    }

    @Setup(Level.Iteration)
    public void resetStreams() {
        timestamps = new long[streams];
        sequences = new long[streams];
        for (int i = 0; i < streams; i++) {
            timestamps[i] = FramePathBenchmark.T0;
        }
    }

    /** Ends every stream (files finished, manifests written), then removes the recordings. */
    @TearDown(Level.Iteration)
    public void stopStreams() throws Exception {
        for (int i = 0; i < streams; i++) {
            Exchange ex = entry.createExchange();
            identify(ex.getIn(), i);
            ex.getIn().setHeader(RtmsConstants.MEDIA_TYPE, "LIFECYCLE");
            ex.getIn().setHeader(RtmsConstants.LIFECYCLE, "STOPPED");
            ex.getIn().setHeader(RtmsConstants.STOP_REASON, 6);
            ex.getIn().setBody("{\"lifecycle\":\"STOPPED\"}");
            route.process(ex);
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(data)).forEach(p -> p.toFile().delete());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        camel.close();
        Files.deleteIfExists(data);
    }

    /** One AUDIO exchange built as the rtms: consumer builds it, through the media route into the file sink. */
    @Benchmark
    public Object audioExchange() throws Exception {
        int s = next;
        next = (next + 1) % streams;
        timestamps[s] += 20;
        Exchange ex = entry.createExchange();
        Message in = ex.getIn();
        identify(in, s);
        in.setHeader(RtmsConstants.MEDIA_TYPE, "AUDIO");
        in.setHeader(RtmsConstants.TIMESTAMP, timestamps[s]);
        in.setHeader(RtmsConstants.SEQUENCE, ++sequences[s]);
        in.setHeader(RtmsConstants.USER_ID, "0");
        in.setHeader(RtmsConstants.USER_NAME, "");
        in.setHeader(RtmsConstants.AUDIO_CODEC, "L16");
        in.setHeader(RtmsConstants.AUDIO_SAMPLE_RATE, 16000);
        in.setHeader(RtmsConstants.AUDIO_CHANNELS, 1);
        in.setHeader(RtmsConstants.AUDIO_PER_SPEAKER, false);
        in.setHeader(RtmsConstants.AUDIO_SEND_RATE, 20);
        in.setBody(pcm);
        route.process(ex);
        return ex.getException();
    }

    private static void identify(Message in, int stream) {
        in.setHeader(RtmsConstants.PRODUCT, "meeting");
        in.setHeader(RtmsConstants.ENTITY_KEY, "meeting_uuid");
        in.setHeader(RtmsConstants.ENTITY_ID, "bench-meeting-" + stream + "==");
        in.setHeader(RtmsConstants.STREAM_ID, "bench-stream-" + stream);
    }
}
