package io.camelrtms.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.client.Lifecycle;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class StreamEndedTest {

    @Test
    void onlyStoppedAndFailedEndAStream() {
        assertThat(StreamEnded.isEnd("STOPPED")).isTrue();
        assertThat(StreamEnded.isEnd("FAILED")).isTrue();
        for (Lifecycle l : Lifecycle.values()) {
            assertThat(StreamEnded.isEnd(l.name())).as(l.name()).isEqualTo(l == Lifecycle.STOPPED || l == Lifecycle.FAILED);
        }
        assertThat(StreamEnded.isEnd((String) null)).isFalse();
        assertThat(StreamEnded.isEnd("stopped")).as("header values are upper case").isFalse();
    }

    @Test
    void asAPredicateItReadsTheLifecycleHeader() {
        Exchange ex = new DefaultExchange(new DefaultCamelContext());
        assertThat(new StreamEnded().matches(ex)).isFalse();
        ex.getMessage().setHeader(RtmsConstants.LIFECYCLE, "RECONNECTED");
        assertThat(new StreamEnded().matches(ex)).isFalse();
        ex.getMessage().setHeader(RtmsConstants.LIFECYCLE, "FAILED");
        assertThat(new StreamEnded().matches(ex)).isTrue();
    }
}
