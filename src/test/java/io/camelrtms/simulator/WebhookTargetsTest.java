package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.StopReason;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several webhook receivers (the replicas of a cluster): the target of each webhook and of its retries. */
class WebhookTargetsTest {

    static final String SECRET = "webhook-secret-token";

    WebhookReceiver a;
    WebhookReceiver b;
    WebhookReceiver c;

    @BeforeEach
    void start() throws Exception {
        a = new WebhookReceiver(SECRET);
        b = new WebhookReceiver(SECRET);
        c = new WebhookReceiver(SECRET);
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        c.close();
    }

    private ZoomSimulator simulator(WebhookRouting routing, int retries) {
        return ZoomSimulator.start(SimulatorConfig.builder().clientId(TestMessages.CLIENT_ID).clientSecret(TestMessages.CLIENT_SECRET)
                .webhooks(List.of(a.uri(), b.uri(), c.uri()), SECRET).webhookRouting(routing).webhookRetries(retries).build());
    }

    @Test
    void roundRobinSendsEachWebhookToTheNextReceiverAndItsRetryToAnother() {
        try (ZoomSimulator sim = simulator(WebhookRouting.ROUND_ROBIN, 1)) {
            SimulatedStream s1 = sim.launch(Product.MEETING, MeetingScript.standard());
            await().atMost(Duration.ofSeconds(10)).until(() -> s1.webhooks().size() == 2);
            SimulatedStream s2 = sim.launch(Product.MEETING, MeetingScript.standard());
            await().atMost(Duration.ofSeconds(10)).until(() -> s2.webhooks().size() == 2);
            SimulatedStream s3 = sim.launch(Product.MEETING, MeetingScript.standard());
            await().atMost(Duration.ofSeconds(10)).until(() -> s3.webhooks().size() == 2);

            // first attempts went to a, b, c in turn; each retry to the receiver after its first attempt's
            assertThat(List.of(s1, s2, s3)).allSatisfy(s -> {
                List<WebhookDelivery> d = s.webhooks();
                assertThat(d).extracting(WebhookDelivery::attempt).containsExactly(0, 1);
                assertThat(d).extracting(WebhookDelivery::status).containsExactly(200, 200);
                assertThat(d.get(1).target()).isNotEqualTo(d.get(0).target());
                assertThat(d.get(1).envelope()).as("a retry is the same body, same event_ts").isEqualTo(d.get(0).envelope());
            });
            assertThat(List.of(s1, s2, s3)).extracting(s -> s.webhooks().get(0).target()).containsExactly(a.uri(), b.uri(), c.uri());
            assertThat(List.of(s1, s2, s3)).extracting(s -> s.webhooks().get(1).target()).containsExactly(b.uri(), c.uri(), a.uri());
            assertThat(List.of(a, b, c)).allSatisfy(r -> {
                assertThat(r.requests()).hasSize(2);
                assertThat(r.requests()).allSatisfy(req -> assertThat(r.signatureValid(req)).isTrue());
            });
            assertThat(b.requests().get(0).body()).as("the retry's bytes equal the first attempt's").isEqualTo(a.requests().get(0).body());
        }
    }

    @Test
    void perStreamSendsEveryWebhookOfAStreamToItsOwnReceiver() {
        try (ZoomSimulator sim = simulator(WebhookRouting.PER_STREAM, 0)) {
            SimulatedStream s1 = sim.launch(Product.MEETING, MeetingScript.standard());
            SimulatedStream s2 = sim.launch(Product.MEETING, MeetingScript.standard());
            s1.stop(StopReason.HOST_TRIGGERED);
            s2.stop(StopReason.HOST_TRIGGERED);
            await().atMost(Duration.ofSeconds(10)).until(() -> s1.webhooks().size() == 2 && s2.webhooks().size() == 2);

            Set<Object> targets1 = s1.webhooks().stream().map(WebhookDelivery::target).collect(Collectors.toSet());
            Set<Object> targets2 = s2.webhooks().stream().map(WebhookDelivery::target).collect(Collectors.toSet());
            assertThat(targets1).containsExactly(a.uri());
            assertThat(targets2).containsExactly(b.uri());
            assertThat(c.requests()).isEmpty();
            assertThat(s1.webhooks()).noneMatch(WebhookDelivery::retry);
        }
    }

    @Test
    void oneTargetBehavesAsBefore() {
        try (ZoomSimulator sim = ZoomSimulator.start(SimulatorConfig.builder().clientId(TestMessages.CLIENT_ID)
                .clientSecret(TestMessages.CLIENT_SECRET).webhook(a.uri(), SECRET).build())) {
            assertThat(sim.config().webhookUrls()).containsExactly(a.uri());
            assertThat(sim.webhookSender().url()).isEqualTo(a.uri());
            SimulatedStream s = sim.launch(Product.MEETING, MeetingScript.standard());
            a.awaitEvent("meeting.rtms_started", 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> s.webhooks().size() == 1);
            assertThat(s.webhooks().get(0).target()).isEqualTo(a.uri());
            assertThat(s.webhooks().get(0).retry()).isFalse();
        }
    }
}
