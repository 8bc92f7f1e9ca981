package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.camelrtms.sink.routing.RtmsSinks;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

/** The live feed's start-up rule: off loopback only with the API token, checked before anything listens. */
class LiveSinkConfigurationTest {

    @Test
    void aFeedOffLoopbackWithoutTheApiTokenRefusesToStart() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            CamelContextConfiguration c = lifecycle("transcript", "file,live", "0.0.0.0", "");
            assertThatThrownBy(() -> c.beforeApplicationStart(context))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rtms.live.host is 0.0.0.0").hasMessageContaining("RTMS_API_TOKEN");
            assertThat(context.getRegistry().lookupByName(LiveSinkConfiguration.ROUTER)).isNull();
        }
    }

    @Test
    void withTheTokenOrOnLoopbackOrUnusedItStarts() throws Exception {
        for (CamelContextConfiguration c : new CamelContextConfiguration[] {
                lifecycle("transcript", "live", "0.0.0.0", "a-token"),
                lifecycle("transcript", "live", "127.0.0.1", ""),
                lifecycle("transcript", "file", "0.0.0.0", "")}) {
            try (DefaultCamelContext context = new DefaultCamelContext()) {
                assertThatNoException().isThrownBy(() -> c.beforeApplicationStart(context));
                assertThat(context.getRegistry().lookupByName(LiveSinkConfiguration.ROUTER)).isNotNull();
                // the component's Vert.x, started for the router (a running context stops it itself)
                ServiceHelper.stopService(context.getComponent("vertx-websocket"));
            }
        }
    }

    @Test
    void loopbackMeansLoopbackAddresses() {
        assertThat(LiveFeedGuard.isLoopback("127.0.0.1")).isTrue();
        assertThat(LiveFeedGuard.isLoopback("::1")).isTrue();
        assertThat(LiveFeedGuard.isLoopback("0.0.0.0")).isFalse();
        assertThat(LiveFeedGuard.isLoopback("10.1.2.3")).isFalse();
    }

    private static CamelContextConfiguration lifecycle(String type, String sink, String host, String token) {
        LiveSinkProperties live = new LiveSinkProperties();
        live.setHost(host);
        return new LiveSinkConfiguration().rtmsLiveSinkLifecycle(new RtmsSinks(Map.of(type, sink)), live, token);
    }
}
