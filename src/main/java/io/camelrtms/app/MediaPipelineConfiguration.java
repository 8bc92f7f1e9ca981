package io.camelrtms.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.sink.AudioDecodingProcessor;
import io.camelrtms.sink.FileRecorder;
import io.camelrtms.sink.GapPolicy;
import io.camelrtms.sink.RecorderSettings;
import io.camelrtms.sink.RtmsSinks;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the media pipeline used by {@code routes/media.yaml} and {@code routes/sinks.yaml}: the
 * sink resolver {@code rtmsSinks}, the decode step {@code rtmsAudioDecoder} and the file sink
 * {@code rtmsFileRecorder}. The recorder runs as a Camel service, so it recovers unfinished
 * recordings before routes start and closes its files after they stop.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RecordingProperties.class)
public class MediaPipelineConfiguration {

    @Bean
    public RtmsSinks rtmsSinks(RecordingProperties properties) {
        return new RtmsSinks(properties.getSinks());
    }

    @Bean
    public AudioDecodingProcessor rtmsAudioDecoder(RecordingProperties properties) {
        RecordingProperties.Audio a = properties.getAudio();
        return new AudioDecodingProcessor(a.getGapTolerance(), a.getMaxConcealment());
    }

    // Camel stops the recorder (after the routes); Spring must not stop it earlier.
    @Bean(destroyMethod = "")
    public FileRecorder rtmsFileRecorder(RecordingProperties properties) {
        return new FileRecorder(recorderSettings(properties), new ObjectMapper());
    }

    static RecorderSettings recorderSettings(RecordingProperties p) {
        RecordingProperties.Audio a = p.getAudio();
        RecordingProperties.Recording r = p.getRecording();
        return new RecorderSettings(Path.of(p.getDataDir()),
                new GapPolicy(a.isFillGaps(), a.getGapTolerance(), a.getMaxGapFill()),
                r.getHeaderRefreshInterval(), r.isDeleteOnRevoke(), r.isRecoverOnStart(),
                (int) r.getWriteBufferSize().toBytes(), r.getMaxCueDuration());
    }

    @Bean
    public CamelContextConfiguration rtmsMediaPipelineLifecycle(FileRecorder recorder, RtmsSinks sinks) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                // Routes from routes/*.yaml are loaded by now (not yet started): a sink named in
                // rtms.sinks without a route fails the start instead of every exchange later.
                requireSinkRoutes(context, sinks);
                try {
                    context.addService(recorder, true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot start the file recorder: " + e.getMessage(), e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // nothing to do
            }
        };
    }

    /**
     * Fails when the media routes ({@code rtms-media}) are loaded and {@code rtms.sinks} names a
     * sink whose route ({@code direct:rtms-sink-<name>}) does not exist.
     *
     * @throws IllegalStateException naming the sink
     */
    static void requireSinkRoutes(CamelContext context, RtmsSinks sinks) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        if (model == null || model.getRouteDefinition("rtms-media") == null) {
            return;
        }
        Set<String> served = new HashSet<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            served.add(normalise(route.getInput().getEndpointUri()));
        }
        for (String uri : sinks.sinkEndpoints()) {
            if (!served.contains(normalise(uri))) {
                throw new IllegalStateException("rtms.sinks names the sink '" + uri.substring(RtmsSinks.SINK_ROUTE_PREFIX.length())
                        + "' but no route consumes " + uri + "; check rtms.sinks in application.yaml");
            }
        }
    }

    private static String normalise(String uri) {
        return uri == null ? "" : uri.replace("://", ":");
    }
}
