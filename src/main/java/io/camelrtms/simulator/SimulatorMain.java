package io.camelrtms.simulator;

import io.camelrtms.protocol.Codec;
import io.camelrtms.protocol.ContentType;
import io.camelrtms.protocol.DataOption;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.SampleRate;
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
              --product NAME           meeting, webinar, session, contact_center (default meeting)
              --speed X                playback speed (default 1.0 = real time)
              --keep-alive-ms MS       keep-alive interval on idle sockets (default 10000)
              --stagger-ms MS          pause between stream launches (default 0)
              --instances N            server instances / event loops (default: number of CPUs)
              --timeout-seconds S      give up after this long (default: wait until all streams end)
            """;

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
        SimulatorConfig.Builder config = SimulatorConfig.builder().clientId(clientId).clientSecret(clientSecret);
        MeetingScript script;
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
            timeoutMillis = Math.round(number(opts, "timeout-seconds", 0.0, Double::parseDouble) * 1000);
            staggerMillis = number(opts, "stagger-ms", 0L, Long::parseLong);
            if (!profile.equals("l16") && !profile.equals("opus")) {
                throw new IllegalArgumentException("--profile must be l16 or opus");
            }
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
            for (MediaParams params : profileParams(profile)) {
                sim.prepare(script, product, params);
            }
            out.printf("simulator %s ready; %s packets encoded in %d ms%n", sim.baseUrl(), profile,
                    (System.nanoTime() - t) / 1_000_000);
            List<SimulatedStream> list = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                if (sim.webhookSender() != null) {
                    list.add(sim.launch(product, script));
                } else {
                    SimulatedStream s = sim.createStream(product, "sim-entity-" + i + "==", "simstream" + i, script);
                    out.println(s.startedWebhook());
                    list.add(s);
                }
                if (staggerMillis > 0) {
                    Thread.sleep(staggerMillis); // pacing the launches of a load test, not synchronisation
                }
            }
            long deadline = timeoutMillis > 0 ? System.currentTimeMillis() + timeoutMillis : Long.MAX_VALUE;
            for (SimulatedStream s : list) {
                long left = deadline - System.currentTimeMillis();
                try {
                    s.awaitState(StreamPhase.ENDED, Duration.ofMillis(Math.max(1, Math.min(left, Long.MAX_VALUE / 2))));
                } catch (IllegalStateException e) {
                    out.println("timeout: " + e.getMessage());
                    summary(list, out);
                    return 2;
                }
            }
            return summary(list, out) ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static boolean summary(List<SimulatedStream> list, PrintStream out) {
        boolean clean = true;
        for (SimulatedStream s : list) {
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
