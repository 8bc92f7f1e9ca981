package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelrtms.sink.file.RecorderSettings;
import io.camelrtms.sink.routing.RtmsSinks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class MediaPipelineConfigurationTest {

    @Test
    void aSinkWithoutItsRouteFailsTheStart() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").routeId("rtms-media").to("direct:rtms-audio");
                    from("direct:rtms-sink-file").routeId("rtms-sink-file").log("x");
                }
            });
            assertThatCode(() -> MediaPipelineConfiguration.requireSinkRoutes(context, new RtmsSinks(Map.of())))
                    .doesNotThrowAnyException();
            assertThatCode(() -> MediaPipelineConfiguration.requireSinkRoutes(context, new RtmsSinks(Map.of("audio", "log:x"))))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> MediaPipelineConfiguration.requireSinkRoutes(context, new RtmsSinks(Map.of("audio", "file,s3"))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'s3'").hasMessageContaining("direct:rtms-sink-s3");
        }
    }

    @Test
    void anAudioCodecThatCannotBeRecordedFailsTheStart() {
        io.camelrtms.component.RtmsConfiguration options = new io.camelrtms.component.RtmsConfiguration();
        RtmsSinks fileSinks = new RtmsSinks(Map.of());
        options.setAudioCodec("OPUS");
        assertThatCode(() -> MediaPipelineConfiguration.requireRecordableAudio(options, fileSinks)).doesNotThrowAnyException();
        options.setAudioCodec("G722");
        assertThatThrownBy(() -> MediaPipelineConfiguration.requireRecordableAudio(options, fileSinks))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rtms.stream.audio-codec").hasMessageContaining("G722");
        options.setAudioCodec("MP3");
        assertThatThrownBy(() -> MediaPipelineConfiguration.requireRecordableAudio(options, fileSinks))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'MP3'");
        // not a problem when audio is not recorded, or not received at all
        options.setAudioCodec("G722");
        assertThatCode(() -> MediaPipelineConfiguration.requireRecordableAudio(options, new RtmsSinks(Map.of("audio", "none"))))
                .doesNotThrowAnyException();
        options.setMediaTypes("transcript,chat");
        assertThatCode(() -> MediaPipelineConfiguration.requireRecordableAudio(options, fileSinks)).doesNotThrowAnyException();
    }

    @Test
    void propertiesMapOntoRecorderSettings() {
        RecordingProperties p = new RecordingProperties();
        p.setDataDir("/tmp/rec");
        p.getAudio().setFillGaps(false);
        p.getRecording().setHeaderRefreshInterval(Duration.ofMillis(250));
        p.getRecording().setDeleteOnRevoke(false);
        RecorderSettings s = MediaPipelineConfiguration.recorderSettings(p);
        assertThat(s.dataDir()).isEqualTo(Path.of("/tmp/rec"));
        assertThat(s.gapPolicy().fillGaps()).isFalse();
        assertThat(s.gapPolicy().tolerance()).isEqualTo(Duration.ofMillis(10));
        assertThat(s.headerRefreshInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.deleteOnRevoke()).isFalse();
        assertThat(s.recoverOnStart()).isTrue();
        assertThat(s.writeBufferBytes()).isEqualTo(8192);
        assertThat(s.maxCue()).isEqualTo(Duration.ofSeconds(5));
    }
}
