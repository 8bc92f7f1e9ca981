package io.camelrtms.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.WebhookEvents;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.ZoomSimulator;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;

/**
 * A plain Camel context (no Spring: the component must work in any Camel application) with the
 * rtms: component, a control route and a consumer route into {@code mock:out}.
 */
final class RtmsHarness implements AutoCloseable {

    final CamelContext camel = new DefaultCamelContext();
    final RtmsComponent rtms = new RtmsComponent();
    final MockEndpoint out;
    final ProducerTemplate template;

    RtmsHarness(String clientId, String clientSecret, String consumerOptions, Consumer<RtmsConfiguration> tune) throws Exception {
        this(clientId, clientSecret, consumerOptions, tune, component -> { });
    }

    RtmsHarness(String clientId, String clientSecret, String consumerOptions, Consumer<RtmsConfiguration> tune,
                Consumer<RtmsComponent> tuneComponent) throws Exception {
        tuneComponent.accept(rtms);
        RtmsConfiguration c = rtms.getConfiguration();
        c.setClientId(clientId);
        c.setClientSecret(clientSecret);
        // fast failure paths for tests; the defaults are Zoom's seconds-long windows
        c.setReconnectDelay(50);
        c.setReconnectMaxDelay(200);
        c.setDuplicateRetryDelay(50);
        c.setHandshakeTimeout(3000);
        tune.accept(c);
        camel.addComponent("rtms", rtms);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:control").to("rtms:test");
                from("rtms:test" + (consumerOptions.isEmpty() ? "" : "?" + consumerOptions)).to("mock:out");
            }
        });
        camel.start();
        out = camel.getEndpoint("mock:out", MockEndpoint.class);
        template = camel.createProducerTemplate();
    }

    /** Sends the start webhook of a simulated stream, as the webhook route would. */
    void start(SimulatedStream s) {
        control(WebhookEvents.parse(s.startedWebhook()).orElseThrow());
    }

    void control(ControlMessage m) {
        template.sendBody("direct:control", m);
    }

    /** Waits for the terminal lifecycle exchange of a stream and returns all its exchanges in order. */
    List<Exchange> awaitEnd(String streamId, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> exchanges(streamId).stream().anyMatch(
                e -> "LIFECYCLE".equals(e.getIn().getHeader(RtmsConstants.MEDIA_TYPE))
                        && List.of("STOPPED", "FAILED").contains(e.getIn().getHeader(RtmsConstants.LIFECYCLE, String.class))));
        return exchanges(streamId);
    }

    List<Exchange> exchanges(String streamId) {
        return out.getExchanges().stream()
                .filter(e -> streamId.equals(e.getIn().getHeader(RtmsConstants.STREAM_ID))).toList();
    }

    /**
     * Leaves a stream ({@code reason}) while its route is stuck on the stream's first exchange with more
     * queued behind it, unsticks the route, and returns the stream's exchanges once it is gone.
     */
    List<Exchange> leaveWhileTheRouteIsStuck(ZoomSimulator zoom, LeaveReason reason) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        out.whenAnyExchangeReceived(e -> gate.await(20, TimeUnit.SECONDS));
        SimulatedStream s = zoom.createStream(Product.MEETING, UUID.randomUUID() + "/+ab==", "leave-" + UUID.randomUUID(),
                MeetingScript.benchmark(60_000));
        start(s);
        // STARTED is stuck in the route; CONNECTED and audio queue behind it until the sockets pause
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rtms.queuedMessages() >= 6);
        assertThat(rtms.leave(List.of(s.streamId()), reason, "test leaves", 0)).containsExactly(s.streamId());
        gate.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !rtms.streamIds().contains(s.streamId()));
        return exchanges(s.streamId());
    }

    static List<Exchange> of(List<Exchange> all, String mediaType) {
        return all.stream().filter(e -> mediaType.equals(e.getIn().getHeader(RtmsConstants.MEDIA_TYPE))).toList();
    }

    static List<String> lifecycles(List<Exchange> all) {
        return of(all, "LIFECYCLE").stream().map(e -> e.getIn().getHeader(RtmsConstants.LIFECYCLE, String.class)).toList();
    }

    static Predicate<Exchange> header(String name, Object value) {
        return e -> value.equals(e.getIn().getHeader(name));
    }

    @Override
    public void close() {
        camel.stop();
    }
}
