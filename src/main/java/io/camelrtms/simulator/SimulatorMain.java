package io.camelrtms.simulator;

import io.camelrtms.protocol.Codec;
import io.camelrtms.protocol.ContentType;
import io.camelrtms.protocol.DataOption;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.SampleRate;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the simulator as a standalone process, e.g. as the load generator of a benchmark:
 *
 * <pre>
 * java -cp camel-rtms.jar io.camelrtms.simulator.SimulatorMain \
 *      --webhook-url http://127.0.0.1:8080/api/webhooks/zoom --streams 50 --duration-seconds 60 --profile opus
 * </pre>
 *
 * Credentials come from {@code --client-id/--client-secret/--webhook-secret} or the environment
 * ({@code ZOOM_CLIENT_ID}, {@code ZOOM_CLIENT_SECRET}, {@code ZOOM_WEBHOOK_SECRET_TOKEN}, or
 * {@code ZM_RTMS_CLIENT}/{@code ZM_RTMS_SECRET}). With a webhook URL every stream is launched by
 * posting its {@code *_started} webhook; without one the envelopes are printed for you to deliver.
 * Audio packets are encoded once per format before the first stream starts and shared by all
 * streams. The process exits when every stream has ended: 0 when no stream saw a protocol
 * violation, 1 otherwise, 2 on a timeout ({@code --timeout-seconds}), 64 on bad arguments.
 */
public final class SimulatorMain {

    private static final String USAGE = """
            Usage: SimulatorMain [options]
              --webhook-url URL        post Zoom-signed webhooks here (launches the streams)
              --webhook-secret TOKEN   webhook secret token (default $ZOOM_WEBHOOK_SECRET_TOKEN)
              --client-id ID           expected client id (default $ZOOM_CLIENT_ID or $ZM_RTMS_CLIENT)
              --client-secret SECRET   expected client secret (default $ZOOM_CLIENT_SECRET or $ZM_RTMS_SECRET)
              --host HOST              listen address (default 127.0.0.1)
              --port PORT              listen port (default 0 = any free port)
              --streams N              concurrent streams (default 1)
              --duration-seconds S     length of each stream; without it the standard 6 s meeting plays
              --profile l16|opus       audio format to pre-encode (default l16)
              --audio CODEC/RATE/CH    audio format to pre-encode instead, e.g. opus/48000/2 or l16/16000/1
                                       (mixed and per-speaker packets are both prepared)
              --product NAME           meeting, webinar, session, contact_center (default meeting)
              --speed X                playback speed (default 1.0 = real time)
              --keep-alive-ms MS       keep-alive interval on idle sockets (default 10000)
              --stagger-ms MS          pause between stream launches (default 0)
              --instances N            server instances / event loops (default: number of CPUs)
              --timeout-seconds S      give up after this long (default: wait until all streams end)
              --warmup-streams N       first play N streams (5 ms apart) and wait for their end, so both
                                       JVMs are warm; the summary counts only the streams after them
              --warmup-seconds S       length of each warm-up stream (default 20)
              --warmup-joins N         before the warm-up streams, play N one-second streams (10 ms
                                       apart), so the join path (webhook, handshakes, new files) is
                                       compiled too: it runs once per stream, the media path 50 times a second
              --start-file FILE        after the warm-up, wait until FILE exists before launching
              --summary-file FILE      also write the summary lines (key=value) to this file
              --quiet                  print only the summary, not one line per stream
            """;

    private static final MeetingScript JOIN_WARMUP_SCRIPT = MeetingScript.benchmark(1_000);

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    /** Runs until every stream has ended (or the timeout); returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        Map<String, String> opts;
        try {
            opts = parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.print(USAGE);
            return 64;
        }
        if (opts.containsKey("help")) {
            out.print(USAGE);
            return 0;
        }
        String clientId = first(opts.get("client-id"), env.get("ZOOM_CLIENT_ID"), env.get("ZM_RTMS_CLIENT"));
        String clientSecret = first(opts.get("client-secret"), env.get("ZOOM_CLIENT_SECRET"), env.get("ZM_RTMS_SECRET"));
        String webhookSecret = first(opts.get("webhook-secret"), env.get("ZOOM_WEBHOOK_SECRET_TOKEN"));
        if (clientId == null || clientSecret == null) {
            out.println("client id and secret are required (--client-id/--client-secret or ZOOM_CLIENT_ID/ZOOM_CLIENT_SECRET)");
            return 64;
        }
        Product product;
        int streams;
        String profile = opts.getOrDefault("profile", "l16").toLowerCase(Locale.ROOT);
        boolean quiet = opts.containsKey("quiet");
        String summaryFile = opts.get("summary-file");
        List<MediaParams> formats;
        SimulatorConfig.Builder config = SimulatorConfig.builder().clientId(clientId).clientSecret(clientSecret);
        MeetingScript script;
        MeetingScript warmupScript;
        int warmupStreams;
        int warmupJoins;
        long timeoutMillis;
        long staggerMillis;
        try {
            product = Product.parse(opts.getOrDefault("product", "meeting"));
            streams = number(opts, "streams", 1, Integer::parseInt);
            config.host(opts.getOrDefault("host", "127.0.0.1"))
                    .port(number(opts, "port", 0, Integer::parseInt))
                    .playbackSpeed(number(opts, "speed", 1.0, Double::parseDouble))
                    .keepAliveIntervalMillis(number(opts, "keep-alive-ms", 10_000L, Long::parseLong))
                    .serverInstances(number(opts, "instances", Runtime.getRuntime().availableProcessors(), Integer::parseInt));
            if (opts.containsKey("webhook-url")) {
                if (webhookSecret == null) {
                    throw new IllegalArgumentException("--webhook-url needs a webhook secret (--webhook-secret or ZOOM_WEBHOOK_SECRET_TOKEN)");
                }
                config.webhook(URI.create(opts.get("webhook-url")), webhookSecret);
            }
            script = opts.containsKey("duration-seconds")
                    ? MeetingScript.benchmark(Math.round(number(opts, "duration-seconds", 6.0, Double::parseDouble) * 1000))
                    : MeetingScript.standard();
            warmupStreams = number(opts, "warmup-streams", 0, Integer::parseInt);
            warmupScript = MeetingScript.benchmark(Math.round(number(opts, "warmup-seconds", 20.0, Double::parseDouble) * 1000));
            warmupJoins = number(opts, "warmup-joins", 0, Integer::parseInt);
            if ((warmupStreams > 0 || warmupJoins > 0) && !opts.containsKey("webhook-url")) {
                throw new IllegalArgumentException("--warmup-streams and --warmup-joins need --webhook-url");
            }
            timeoutMillis = Math.round(number(opts, "timeout-seconds", 0.0, Double::parseDouble) * 1000);
            staggerMillis = number(opts, "stagger-ms", 0L, Long::parseLong);
            if (!profile.equals("l16") && !profile.equals("opus")) {
                throw new IllegalArgumentException("--profile must be l16 or opus");
            }
            formats = opts.containsKey("audio") ? audioParams(opts.get("audio")) : profileParams(profile);
            if (streams < 1) {
                throw new IllegalArgumentException("--streams must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.print(USAGE);
            return 64;
        }

        try (ZoomSimulator sim = ZoomSimulator.start(config.build())) {
            long t = System.nanoTime();
            for (MediaParams params : formats) {
                sim.prepare(script, product, params);
                if (warmupStreams > 0) {
                    sim.prepare(warmupScript, product, params);
                }
                if (warmupJoins > 0) {
                    sim.prepare(JOIN_WARMUP_SCRIPT, product, params);
                }
            }
            out.printf("simulator %s ready; %s packets encoded in %d ms%n", sim.baseUrl(),
                    opts.containsKey("audio") ? opts.get("audio") : profile, (System.nanoTime() - t) / 1_000_000);
            if (warmupJoins > 0 && !warmUp(sim, product, JOIN_WARMUP_SCRIPT, warmupJoins, 10, "joins", out)) {
                return 2;
            }
            if (warmupStreams > 0 && !warmUp(sim, product, warmupScript, warmupStreams, 5, "streams", out)) {
                return 2;
            }
            String startFile = opts.get("start-file");
            if (startFile != null && !awaitFile(java.nio.file.Path.of(startFile), timeoutMillis, out)) {
                return 2;
            }
            List<SimulatedStream> list = new ArrayList<>();
            long launchStart = System.nanoTime();
            for (int i = 0; i < streams; i++) {
                if (sim.webhookSender() != null) {
                    list.add(sim.launch(product, script));
                } else {
                    SimulatedStream s = sim.createStream(product, "sim-entity-" + i + "==", "simstream" + i, script);
                    out.println(s.startedWebhook());
                    list.add(s);
                }
                if (staggerMillis > 0) {
                    // pacing the launches of a load test against the clock (no drift), not synchronisation
                    long next = launchStart + (i + 1) * staggerMillis * 1_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    }
                }
            }
            long deadline = timeoutMillis > 0 ? System.currentTimeMillis() + timeoutMillis : Long.MAX_VALUE;
            for (SimulatedStream s : list) {
                long left = deadline - System.currentTimeMillis();
                try {
                    s.awaitState(StreamPhase.ENDED, Duration.ofMillis(Math.max(1, Math.min(left, Long.MAX_VALUE / 2))));
                } catch (IllegalStateException e) {
                    out.println("timeout: " + e.getMessage());
                    summary(list, out, quiet);
                    totals(sim, list, out, summaryFile);
                    return 2;
                }
            }
            boolean clean = summary(list, out, quiet);
            totals(sim, list, out, summaryFile);
            return clean ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static boolean summary(List<SimulatedStream> list, PrintStream out, boolean quiet) {
        boolean clean = true;
        for (SimulatedStream s : list) {
            if (quiet) {
                clean &= s.violations().isEmpty();
                continue;
            }
            out.printf("stream %s phase=%s stopReason=%s received=%d keepAlives=%d/%d violations=%d%n",
                    s.streamId(), s.phase(), s.stopReason(), s.received().size(),
                    s.keepAlives(SocketRole.SIGNALING).size(), s.keepAlives(SocketRole.MEDIA).size(), s.violations().size());
            for (Violation v : s.violations()) {
                out.println("  violation " + v.kind() + " on " + v.role() + (v.urlKey() == null ? "" : "(" + v.urlKey() + ")")
                        + ": " + v.detail());
            }
            clean &= s.violations().isEmpty();
        }
        return clean;
    }

    /** Plays the warm-up streams to their end, then forgets their figures; false on a timeout. */
    private static boolean warmUp(ZoomSimulator sim, Product product, MeetingScript script, int n, long pauseMillis,
                                  String what, PrintStream out) throws InterruptedException {
        List<SimulatedStream> warm = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            warm.add(sim.launch(product, script));
            Thread.sleep(pauseMillis); // pacing the warm-up launches, not synchronisation
        }
        for (SimulatedStream s : warm) {
            try {
                s.awaitState(StreamPhase.ENDED, Duration.ofMillis(script.durationMillis() + 120_000));
            } catch (IllegalStateException e) {
                out.println("warm-up timeout: " + e.getMessage());
                return false;
            }
        }
        sim.statistics().reset();
        out.println("warmup done: " + n + " " + what);
        return true;
    }

    /** Waits until the file exists (the benchmark script's go), at most the timeout (or an hour). */
    private static boolean awaitFile(java.nio.file.Path file, long timeoutMillis, PrintStream out) throws InterruptedException {
        out.println("waiting for " + file);
        long deadline = System.currentTimeMillis() + (timeoutMillis > 0 ? timeoutMillis : 3_600_000L);
        while (!java.nio.file.Files.exists(file)) {
            if (System.currentTimeMillis() > deadline) {
                out.println("timeout: " + file + " did not appear");
                return false;
            }
            Thread.sleep(20); // polling for a file another process creates; there is nothing to wait on
        }
        return true;
    }

    /**
     * The figures of the whole run as {@code key=value} lines (the benchmark script reads them):
     * streams, how they ended, data messages sent per kind, the generator's send lag and the time
     * from each started webhook to the stream's first data message (milliseconds).
     */
    private static void totals(ZoomSimulator sim, List<SimulatedStream> list, PrintStream out, String file) {
        SendStatistics st = sim.statistics();
        long ended = list.stream().filter(s -> s.phase() == StreamPhase.ENDED).count();
        long endedNormally = list.stream().filter(s -> Integer.valueOf(6).equals(s.stopReason())).count();
        long violations = list.stream().mapToLong(s -> s.violations().size()).sum();
        long webhookFailures = list.stream().flatMap(s -> s.webhooks().stream())
                .filter(w -> w.status() < 200 || w.status() > 299).count();
        StringBuilder b = new StringBuilder();
        b.append("streams=").append(list.size()).append('\n')
                .append("streams_ended=").append(ended).append('\n')
                .append("streams_meeting_ended=").append(endedNormally).append('\n')
                .append("violations=").append(violations).append('\n')
                .append("webhook_failures=").append(webhookFailures).append('\n');
        for (io.camelrtms.protocol.MediaKind k : io.camelrtms.protocol.MediaKind.values()) {
            b.append("sent_").append(k.name().toLowerCase(Locale.ROOT)).append('=').append(st.sent(k)).append('\n');
        }
        histogram(b, "send_lag_ms", st.lag());
        histogram(b, "media_ready_ms", st.mediaReady());
        histogram(b, "first_data_ms", st.firstData());
        out.print(b.toString().lines().map(l -> "summary " + l + "\n").reduce("", String::concat));
        if (file != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(file), b.toString());
            } catch (IOException e) {
                out.println("cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    private static void histogram(StringBuilder b, String name, MillisHistogram h) {
        b.append(name).append("_count=").append(h.count()).append('\n')
                .append(name).append("_p50=").append(h.percentile(0.50)).append('\n')
                .append(name).append("_p95=").append(h.percentile(0.95)).append('\n')
                .append(name).append("_p99=").append(h.percentile(0.99)).append('\n')
                .append(name).append("_max=").append(h.max()).append('\n');
    }

    /** {@code CODEC/RATE/CHANNELS}, e.g. {@code opus/48000/2}: that format, mixed and per speaker. */
    static List<MediaParams> audioParams(String spec) {
        String[] p = spec.split("/");
        if (p.length < 1 || p.length > 3) {
            throw new IllegalArgumentException("--audio must look like CODEC/RATE/CHANNELS, e.g. opus/48000/2");
        }
        Codec codec;
        try {
            codec = Codec.parse(p[0].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--audio: unknown codec '" + p[0] + "'");
        }
        int rate = p.length > 1 ? Integer.parseInt(p[1].trim()) : (codec == Codec.OPUS ? 48000 : 16000);
        int channels = p.length > 2 ? Integer.parseInt(p[2].trim()) : 1;
        SampleRate sr = null;
        for (SampleRate r : SampleRate.values()) {
            if (r.hertz() == rate) {
                sr = r;
            }
        }
        if (sr == null || (channels != 1 && channels != 2)) {
            throw new IllegalArgumentException("--audio: " + rate + " Hz x " + channels + " is not an RTMS audio format");
        }
        MediaParams.Audio mixed = new MediaParams.Audio(ContentType.RAW_AUDIO, codec, sr, channels, DataOption.AUDIO_MIXED_STREAM, 20);
        MediaParams.Audio multi = new MediaParams.Audio(ContentType.RAW_AUDIO, codec, sr, channels, DataOption.AUDIO_MULTI_STREAMS, 20);
        return List.of(new MediaParams(mixed, null, null, null, null), new MediaParams(multi, null, null, null, null));
    }

    private static List<MediaParams> profileParams(String profile) {
        MediaParams.Audio mixed = profile.equals("opus")
                ? new MediaParams.Audio(ContentType.RAW_AUDIO, Codec.OPUS, SampleRate.SR_48K, 1, DataOption.AUDIO_MIXED_STREAM, 20)
                : MediaParams.Audio.WIRE_DEFAULT;
        MediaParams.Audio multi = new MediaParams.Audio(mixed.contentType(), mixed.codec(), mixed.sampleRate(), mixed.channels(),
                DataOption.AUDIO_MULTI_STREAMS, mixed.sendRate());
        return List.of(new MediaParams(mixed, null, null, null, null), new MediaParams(multi, null, null, null, null));
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                opts.put("help", "");
                continue;
            }
            if (a.equals("--quiet")) {
                opts.put("quiet", "");
                continue;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option --" + key + " needs a value");
            }
            opts.put(key, value);
        }
        return opts;
    }

    private static <T> T number(Map<String, String> opts, String key, T fallback, Function<String, T> parser) {
        String v = opts.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return parser.apply(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, not '" + v + "'");
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
