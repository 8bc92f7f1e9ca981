package io.camelrtms.component;

import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.WebhookEvents;
import io.camelrtms.simulator.SimulatedStream;
import java.time.Duration;
import java.util.List;
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
