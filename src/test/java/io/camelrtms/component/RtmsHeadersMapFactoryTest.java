package io.camelrtms.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Camel context whose messages carry {@link RtmsHeadersMap}: the header features routes rely on still work. */
class RtmsHeadersMapFactoryTest {

    private DefaultCamelContext camel;
    private ProducerTemplate producer;

    /** A bean whose parameter is bound from a header named in another case than it was set. */
    public static final class Greeter {
        public String greet(@Header("USERNAME") String name, @Header("rtmsmediatype") String type) {
            return "hello " + name + " " + type;
        }
    }

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setHeadersMapFactory(new RtmsHeadersMapFactory());
        camel.getRegistry().bind("greeter", new Greeter());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:headers")
                        .setHeader("Added", constant("yes"))
                        .removeHeaders("tmp*", "TMPKEEP")
                        .removeHeader("DROPME")
                        .setBody(simple("${header.username}/${header.ADDED}/${header.rtmsMEDIAtype}"))
                        .to("mock:headers");
                from("direct:multicast")
                        .multicast().to("direct:left", "direct:right").end()
                        .to("mock:after");
                from("direct:left").setHeader("branch", constant("left")).to("mock:left");
                from("direct:right").setHeader("BRANCH", constant("right")).removeHeader("username").to("mock:right");
                from("direct:bean").bean("greeter", "greet").to("mock:bean");
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    private Map<String, Object> headers() {
        Map<String, Object> h = camel.getCamelContextExtension().getHeadersMapFactory().newMap();
        h.put("UserName", "ada");
        h.put(RtmsConstants.MEDIA_TYPE, "AUDIO");
        h.put("tmpOne", 1);
        h.put("TmpTwo", 2);
        h.put("tmpKeep", 3);
        h.put("dropMe", 4);
        return h;
    }

    @Test
    void headersAreFoundInAnyCaseAndRemovedByPattern() throws Exception {
        MockEndpoint out = camel.getEndpoint("mock:headers", MockEndpoint.class);
        out.expectedMessageCount(1);
        producer.sendBodyAndHeaders("direct:headers", "x", headers());
        out.assertIsSatisfied();
        Message m = out.getReceivedExchanges().get(0).getIn();
        assertThat(m.getHeaders()).isInstanceOf(RtmsHeadersMap.class);
        assertThat(m.getBody(String.class)).isEqualTo("ada/yes/AUDIO");
        assertThat(m.getHeader("USERNAME")).isEqualTo("ada");
        assertThat(m.getHeader("added")).isEqualTo("yes");
        assertThat(m.getHeaders()).doesNotContainKeys("tmpOne", "TmpTwo", "dropMe").containsEntry("tmpKeep", 3);
        // the header keeps the case it was first set with
        m.setHeader("USERNAME", "grace");
        assertThat(m.getHeaders().keySet()).contains("UserName").doesNotContain("USERNAME");
        assertThat(m.getHeader("username")).isEqualTo("grace");
    }

    @Test
    void anExchangeCopyHasItsOwnHeaders() {
        Exchange ex = new DefaultExchange(camel);
        ex.getIn().setHeaders(headers());
        ex.getIn().setHeader("tmpone", 10);
        Exchange copy = ex.copy();
        copy.getIn().setHeader("TMPONE", 11);
        copy.getIn().removeHeader("username");
        assertThat(copy.getIn().getHeaders()).isInstanceOf(RtmsHeadersMap.class);
        assertThat(ex.getIn().getHeader("tmpOne")).isEqualTo(10);
        assertThat(ex.getIn().getHeader("USERNAME")).isEqualTo("ada");
        assertThat(copy.getIn().getHeader("tmpOne")).isEqualTo(11);
        assertThat(copy.getIn().getHeader("UserName")).isNull();
    }

    @Test
    void eachMulticastBranchWorksOnItsOwnCopy() throws Exception {
        MockEndpoint left = camel.getEndpoint("mock:left", MockEndpoint.class);
        MockEndpoint right = camel.getEndpoint("mock:right", MockEndpoint.class);
        MockEndpoint after = camel.getEndpoint("mock:after", MockEndpoint.class);
        left.expectedHeaderReceived("Branch", "left");
        left.expectedHeaderReceived("USERNAME", "ada");
        right.expectedHeaderReceived("branch", "right");
        after.expectedMessageCount(1);
        producer.sendBodyAndHeaders("direct:multicast", "x", headers());
        MockEndpoint.assertIsSatisfied(left, right, after);
        assertThat(right.getReceivedExchanges().get(0).getIn().getHeader("UserName")).isNull();
        Message last = after.getReceivedExchanges().get(0).getIn();
        assertThat(last.getHeaders()).isInstanceOf(RtmsHeadersMap.class);
        assertThat(last.getHeader("RTMSMEDIATYPE")).isEqualTo("AUDIO");
    }

    @Test
    void beanParametersAreBoundFromHeadersInAnyCase() throws Exception {
        MockEndpoint out = camel.getEndpoint("mock:bean", MockEndpoint.class);
        out.expectedBodiesReceived("hello ada AUDIO");
        producer.sendBodyAndHeaders("direct:bean", "x", headers());
        out.assertIsSatisfied();
    }
}
