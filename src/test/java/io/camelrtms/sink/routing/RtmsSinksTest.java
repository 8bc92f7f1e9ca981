package io.camelrtms.sink.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RtmsSinksTest {

    @Test
    void everyTypeGoesToTheFileSinkByDefault() {
        RtmsSinks s = new RtmsSinks(Map.of());
        assertThat(s.audio()).isEqualTo("direct:rtms-sink-file");
        assertThat(s.deskshare()).isEqualTo("direct:rtms-sink-file");
        assertThat(s.lifecycle()).isEmpty();
        assertThat(s.sinkEndpoints()).containsExactly("direct:rtms-sink-file");
    }

    @Test
    void namesUrisListsAndNone() {
        RtmsSinks s = new RtmsSinks(Map.of("audio", "file, s3", "transcript", "kafka:transcripts?brokers=x:9092",
                "video", "none", "CHAT", "http"));
        // s3 uploads what the file sink records: the media goes to the file sink, once
        assertThat(s.audio()).isEqualTo("direct:rtms-sink-file");
        assertThat(s.transcript()).isEqualTo("kafka:transcripts?brokers=x:9092");
        assertThat(s.video()).isEmpty();
        assertThat(s.chat()).isEqualTo("direct:rtms-sink-http");
        assertThat(s.uris("AUDIO")).isEqualTo(s.audio());
        // every other sink in use hears about lifecycle changes, once each
        assertThat(s.lifecycle()).isEqualTo("direct:rtms-sink-s3,kafka:transcripts?brokers=x:9092,direct:rtms-sink-http");
        assertThat(s.sinkEndpoints()).containsExactlyInAnyOrder("direct:rtms-sink-file", "direct:rtms-sink-s3", "direct:rtms-sink-http");
        assertThat(s.typesUsing("s3")).containsExactly("audio");
        assertThat(s.typesUsing("file")).containsExactly("audio", "event", "deskshare");
        assertThat(s.uses("http")).isTrue();
        assertThat(s.uses("kafka")).isFalse();
    }

    @Test
    void s3AloneIsRecordedByTheFileSinkAndHearsOnlyTheLifecycle() {
        RtmsSinks s = new RtmsSinks(Map.of("audio", "s3", "transcript", "s3,http", "chat", "none"));
        assertThat(s.audio()).isEqualTo("direct:rtms-sink-file");
        assertThat(s.transcript()).isEqualTo("direct:rtms-sink-file,direct:rtms-sink-http");
        assertThat(s.chat()).isEmpty();
        assertThat(s.lifecycle()).isEqualTo("direct:rtms-sink-s3,direct:rtms-sink-http");
        assertThat(s.typesUsing("s3")).containsExactly("audio", "transcript");
        assertThat(s.typesUsing("file")).containsExactly("event", "video", "deskshare");
    }

    @Test
    void badConfigurationIsAClearError() {
        assertThatThrownBy(() -> new RtmsSinks(Map.of("audoi", "file")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rtms.sinks.audoi");
        assertThatThrownBy(() -> new RtmsSinks(Map.of("audio", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rtms.sinks.audio is empty");
        assertThatThrownBy(() -> new RtmsSinks(Map.of("audio", "my sink")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'my sink'");
    }
}
