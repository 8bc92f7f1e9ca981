package io.camelrtms.component;

import static io.camelrtms.component.RtmsHarness.lifecycles;
import static io.camelrtms.component.RtmsHarness.of;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camelrtms.client.StreamSession;
import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SelfSignedKeyStore;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.ZoomSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** wss:// with a self-signed certificate: refused by default, accepted through a configured trust store. */
class RtmsTlsTest {

    static final String ID = "tls-client-id";
    static final String SECRET = "tls-client-secret";

    @TempDir
    static Path dir;
    static SelfSignedKeyStore keys;
    static ZoomSimulator zoom;

    @BeforeAll
    static void start() {
        keys = SelfSignedKeyStore.create(dir);
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(ID).clientSecret(SECRET).host("127.0.0.1").port(0)
                .tls(keys.keyStore(), keys.password()).playbackSpeed(8).build());
    }

    @AfterAll
    static void stop() {
        zoom.close();
    }

    @Test
    void selfSignedServerIsRefusedByDefault() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(StreamSession.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "", c -> c.setSignalingReconnectWindow(400))) {
            SimulatedStream s = zoom.createStream(Product.MEETING, "tls-" + UUID.randomUUID(), "s-" + UUID.randomUUID(),
                    MeetingScript.standard());
            assertThat(s.signalingUrl()).startsWith("wss://");
            h.start(s);
            List<Exchange> all = h.awaitEnd(s.streamId(), Duration.ofSeconds(20));
            assertThat(lifecycles(all)).containsExactly("STARTED", "FAILED");
            // not one more "cannot connect": the lifecycle names the TLS failure and its cause, and it is counted
            assertThat(of(all, "LIFECYCLE").get(1).getIn().getBody(String.class))
                    .contains("TLS handshake with the signaling server failed: SSLHandshakeException")
                    .contains("unable to find valid certification path");
            assertThat(h.rtms.statistics().tlsFailures()).isPositive();
            assertThat(appender.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("TLS handshake with the signaling server at 127.0.0.1:")
                        .contains("unable to find valid certification path");
            });
            assertThat(s.received()).isEmpty();
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void selfSignedServerIsAcceptedThroughATrustStore() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "", c -> {
            c.setTrustStore(keys.trustStore().toString());
            c.setTrustStorePassword(keys.password());
        })) {
            SimulatedStream s = zoom.createStream(Product.MEETING, "tls-" + UUID.randomUUID(), "s-" + UUID.randomUUID(),
                    MeetingScript.standard());
            h.start(s);
            List<Exchange> all = h.awaitEnd(s.streamId(), Duration.ofSeconds(20));
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "STOPPED");
            assertThat(of(all, "AUDIO")).isNotEmpty();
            assertThat(s.violations()).isEmpty();
        }
    }
}
