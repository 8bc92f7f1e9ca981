package io.camelrtms.app;

import io.camelrtms.client.OutageCause;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.RtmsMediaType;
import io.camelrtms.component.RtmsStatistics;
import io.camelrtms.media.AudioDecodingProcessor;
import io.camelrtms.sink.delivery.SinkStatistics;
import io.camelrtms.sink.file.RecordingStatistics;
import io.camelrtms.webhook.ZoomWebhookProcessor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the {@code rtms:} component's counters, and those of the delivering sinks, as
 * Micrometer meters (scraped at {@code /actuator/prometheus} as {@code rtms_*}).
 */
public class RtmsMetrics implements MeterBinder {

    private final RtmsComponent component;
    private final ZoomWebhookProcessor webhook;
    private final AudioDecodingProcessor decoder;
    private final SinkStatistics sinks;
    private final RecordingStatistics recording;

    public RtmsMetrics(RtmsComponent component, ZoomWebhookProcessor webhook, AudioDecodingProcessor decoder) {
        this(component, webhook, decoder, new SinkStatistics(), new RecordingStatistics());
    }

    public RtmsMetrics(RtmsComponent component, ZoomWebhookProcessor webhook, AudioDecodingProcessor decoder,
                       SinkStatistics sinks, RecordingStatistics recording) {
        this.component = component;
        this.webhook = webhook;
        this.decoder = decoder;
        this.sinks = sinks;
        this.recording = recording;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        RtmsStatistics s = component.statistics();
        Gauge.builder("rtms.streams.active", component, RtmsComponent::activeStreams)
                .description("Streams open now").register(registry);
        Gauge.builder("rtms.queue.depth", component, RtmsComponent::queuedMessages)
                .description("Messages waiting for routes, over all streams").register(registry);
        for (RtmsMediaType type : RtmsMediaType.values()) {
            String tag = type.name().toLowerCase(Locale.ROOT);
            FunctionCounter.builder("rtms.frames.received", s, st -> st.frames(type)).tag("type", tag)
                    .description("Messages received per media type").register(registry);
            FunctionCounter.builder("rtms.payload.received", s, st -> st.bytes(type)).tag("type", tag).baseUnit("bytes")
                    .description("Payload bytes received per media type").register(registry);
        }
        for (OutageCause cause : OutageCause.values()) {
            FunctionCounter.builder("rtms.reconnects", s, st -> st.reconnectsByCause().getOrDefault(cause.name(), 0L))
                    .tag("cause", cause.name().toLowerCase(Locale.ROOT))
                    .description("Completed reconnects by cause").register(registry);
        }
        FunctionCounter.builder("rtms.keepalives.answered", s, RtmsStatistics::keepAlivesAnswered)
                .description("Keep-alive requests answered").register(registry);
        FunctionCounter.builder("rtms.frames.malformed", s, RtmsStatistics::malformedFrames)
                .description("Frames skipped as malformed").register(registry);
        Map<String, ToDoubleFunction<RtmsStatistics>> unknown = Map.of("message", RtmsStatistics::unknownMessages,
                "event", RtmsStatistics::unknownEvents, "field", RtmsStatistics::unknownFields);
        unknown.forEach((what, count) -> FunctionCounter.builder("rtms.messages.unknown", s, count).tag("what", what)
                .description("Message types, event types and data fields this version does not know, handed to the route")
                .register(registry));
        FunctionCounter.builder("rtms.tls.failures", s, RtmsStatistics::tlsFailures)
                .description("Connections to Zoom's servers that failed in their TLS handshake").register(registry);
        FunctionCounter.builder("rtms.queue.overflow", s, RtmsStatistics::overflowed)
                .description("Media messages refused because a stream's queue was full").register(registry);
        FunctionCounter.builder("rtms.streams.refused", s, RtmsStatistics::refusedStarts)
                .description("Stream starts refused at the concurrent stream limit").register(registry);
        for (String sink : sinks.sinks()) {
            FunctionCounter.builder("rtms.sink.errors", sinks, st -> st.errors(sink)).tag("sink", sink)
                    .description("Requests a sink did not take (retries exhausted, failed drain, refused)").register(registry);
            FunctionCounter.builder("rtms.sink.retries", sinks, st -> st.retries(sink)).tag("sink", sink)
                    .description("Redelivery attempts of a sink's requests").register(registry);
            FunctionCounter.builder("rtms.sink.spooled", sinks, st -> st.spooled(sink)).tag("sink", sink)
                    .description("Requests written to a sink's spool because it was down").register(registry);
            Gauge.builder("rtms.sink.spool.pending", sinks, st -> st.pending(sink)).tag("sink", sink)
                    .description("Requests waiting in a sink's spool now").register(registry);
        }
        s.handshakeFailures().forEach((status, n) -> handshakeCounter(registry, status).increment(n));
        s.setHandshakeFailureObserver(status -> handshakeCounter(registry, status).increment());
        Timer join = Timer.builder("rtms.join.latency")
                .description("From the start control message to the stream's first media message")
                .publishPercentileHistogram().register(registry);
        s.setJoinLatencyObserver(ms -> join.record(ms, TimeUnit.MILLISECONDS));
        webhook.setOutcomeObserver((status, reason) -> Counter.builder("rtms.webhook.requests")
                .tag("status", String.valueOf(status)).tag("outcome", reason)
                .description("Webhook requests by answer; status 401 counts signature and timestamp failures")
                .register(registry).increment());
        FunctionCounter.builder("rtms.audio.decode.errors", decoder, AudioDecodingProcessor::totalDecodeErrors)
                .description("Audio packets that could not be decoded (corrupt Opus, unsupported codec)").register(registry);
        FunctionCounter.builder("rtms.audio.opus.decoded", decoder, AudioDecodingProcessor::opusPacketsDecoded)
                .description("Opus packets decoded to PCM").register(registry);
        FunctionCounter.builder("rtms.audio.opus.decode.time", decoder, AudioDecodingProcessor::opusDecodeSeconds)
                .baseUnit("seconds").description("Time spent decoding Opus packets, concealment included; "
                        + "divided by rtms.audio.opus.decoded, what one packet costs in the bundle").register(registry);
        FunctionCounter.builder("rtms.audio.opus.decode.cpu.time", decoder, AudioDecodingProcessor::opusDecodeCpuSeconds)
                .baseUnit("seconds").description("The decoding threads' CPU time in Opus decodes, concealment included, "
                        + "without time spent waiting for a CPU; divided by rtms.audio.opus.decoded, what one packet "
                        + "costs in CPU").register(registry);
        FunctionCounter.builder("rtms.audio.written", recording, RecordingStatistics::audioChunksWritten)
                .description("Audio packets whose PCM the file sink has handed to the operating system").register(registry);
        Timer written = Timer.builder("rtms.audio.write.latency")
                .description("From an audio packet's Zoom timestamp to its PCM being handed to the operating system by the file sink")
                .serviceLevelObjectives(WRITE_LATENCY_BUCKETS).register(registry);
        recording.setAudioLatencyObserver(ms -> written.record(Math.max(0, ms), TimeUnit.MILLISECONDS));
    }

    /**
     * Buckets of the write latency: every millisecond up to 100 ms (a packet is 20 ms long and the
     * target is tens of milliseconds), coarser beyond, so percentiles can be read off the scrape.
     */
    static final Duration[] WRITE_LATENCY_BUCKETS = writeLatencyBuckets();

    private static Duration[] writeLatencyBuckets() {
        List<Duration> b = new ArrayList<>();
        for (int ms = 1; ms <= 100; ms++) {
            b.add(Duration.ofMillis(ms));
        }
        for (int ms : new int[] {120, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000, 30_000}) {
            b.add(Duration.ofMillis(ms));
        }
        return b.toArray(Duration[]::new);
    }

    private static Counter handshakeCounter(MeterRegistry registry, int status) {
        return Counter.builder("rtms.handshake.failures").tag("status", status < 0 ? "timeout" : String.valueOf(status))
                .description("Refused or unanswered handshakes by status code").register(registry);
    }
}
