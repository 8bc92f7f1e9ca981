package io.camelrtms.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.client.ConnectionOptions;
import io.camelrtms.client.LifecycleEvent;
import io.camelrtms.client.RtmsClient;
import io.camelrtms.client.StreamListener;
import io.camelrtms.client.StreamSession;
import io.camelrtms.client.StreamSettings;
import io.camelrtms.client.StreamTarget;
import io.camelrtms.component.RtmsConfiguration;
import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.MediaData;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.RtmsMessage;
import io.camelrtms.protocol.WebhookEvents;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The floor under the bundle's CPU figures: the {@code rtms:} component's wire client alone, joining
 * every stream a webhook announces and parsing every media message into {@link MediaData}, then
 * dropping it — no Camel, no Spring, no files, no signature check. What the whole bundle costs above
 * this is routing and durable writing; what this costs is Vert.x, the WebSockets and our parser.
 * Driven by {@code bench/bare-client.sh}; never part of the product or of {@code mvn test}.
 *
 * <pre>BareClientMain PORT CLIENT_ID CLIENT_SECRET [SEND_RATE_MS]</pre>
 * joins with the media of {@code bench/run.sh}'s profile a (mixed L16 16 kHz mono and transcript), in
 * packets of SEND_RATE_MS (default 20) as {@code bench/run.sh --send-rate}.
 */
public final class BareClientMain {

    private BareClientMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        RtmsConfiguration conf = new RtmsConfiguration();
        conf.setClientId(args[1]);
        conf.setClientSecret(args[2]);
        conf.setMediaTypes("audio,transcript");
        conf.setAudioCodec("L16");
        conf.setAudioSampleRate(16000);
        conf.setAudioChannels(1);
        conf.setAudioPerSpeaker(false);
        conf.setAudioSendRate(args.length > 3 ? Integer.parseInt(args[3]) : 20);
        StreamSettings settings = conf.streamSettings();
        // one event loop per processor, as the bundle's component creates its Vert.x
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)
                .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
        RtmsClient client = new RtmsClient(vertx, ConnectionOptions.defaults());
        LongAdder media = new LongAdder();
        LongAdder audio = new LongAdder();
        StreamListener dropEverything = new StreamListener() {
            @Override
            public void onMedia(StreamSession session, MediaData data) {
                media.increment();
                if (data.kind() == MediaKind.AUDIO) {
                    audio.increment();
                }
            }

            @Override
            public void onEvent(StreamSession session, RtmsMessage event) {
            }

            @Override
            public void onLifecycle(StreamSession session, LifecycleEvent event) {
            }
        };
        ObjectMapper json = new ObjectMapper();
        vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(req -> req.body().onSuccess(body -> {
                    Optional<ControlMessage> control;
                    try {
                        control = WebhookEvents.parse(json.readTree(body.getBytes()));
                    } catch (Exception e) {
                        req.response().setStatusCode(400).end();
                        return;
                    }
                    req.response().setStatusCode(200).end("{}");
                    control.ifPresent(c -> {
                        if (c.kind() == ControlMessage.Kind.STARTED) {
                            client.open(new StreamTarget(c.product(), c.entityId(), c.streamId(), c.signalingUrl()), settings,
                                    dropEverything, c.eventTs());
                        } else if (c.kind() == ControlMessage.Kind.STOPPED && client.session(c.streamId()) != null) {
                            client.session(c.streamId()).close();
                        }
                    });
                }))
                .listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        System.out.println("bare client listening on 127.0.0.1:" + port);
        // the audio received so far, for bench/bare-client.sh to divide its CPU by the audio it handled
        vertx.setPeriodic(100, id -> System.out.println("audio " + audio.sum()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("media messages parsed: " + media.sum())));
        Thread.currentThread().join();
    }
}
