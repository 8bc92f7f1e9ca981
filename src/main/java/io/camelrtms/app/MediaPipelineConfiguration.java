package io.camelrtms.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.RtmsConfiguration;
import io.camelrtms.component.StreamRegistry;
import io.camelrtms.media.AudioDecoders;
import io.camelrtms.media.AudioDecodingProcessor;
import io.camelrtms.protocol.Codec;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.sink.file.FileRecorder;
import io.camelrtms.sink.file.GapPolicy;
import io.camelrtms.sink.file.RecorderSettings;
import io.camelrtms.sink.routing.RtmsSinks;
import io.camelrtms.sink.routing.SinkDispatchRoutes;
import io.camelrtms.sink.file.H264Container;
import io.camelrtms.sink.file.OpusRecording;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Wires the media pipeline used by {@code routes/media.yaml} and {@code routes/sinks.yaml}: the
 * sink resolver {@code rtmsSinks}, the decode step {@code rtmsAudioDecoder} and the file sink
 * {@code rtmsFileRecorder}. The recorder runs as a Camel service, so it recovers unfinished
 * recordings before routes start and closes its files after they stop.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "rtms", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(RecordingProperties.class)
public class MediaPipelineConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "rtmsSinks")
    public RtmsSinks rtmsSinks(RecordingProperties properties) {
        return new RtmsSinks(properties.getSinks());
    }

    /** The routes direct:rtms-sinks-&lt;type&gt; that hand each media type to its sinks (picked up by Camel). */
    @Bean
    @ConditionalOnMissingBean(name = "rtmsSinkDispatchRoutes")
    public SinkDispatchRoutes rtmsSinkDispatchRoutes(RtmsSinks sinks) {
        return new SinkDispatchRoutes(sinks);
    }

    @Bean
    @ConditionalOnMissingBean(name = "rtmsAudioDecoder")
    public AudioDecodingProcessor rtmsAudioDecoder(RecordingProperties properties, RtmsSinks sinks,
                                                   ObjectProvider<RtmsConfiguration> streamOptions) {
        requireRecordableAudio(streamOptions.getIfUnique(), sinks);
        RecordingProperties.Audio a = properties.getAudio();
        return new AudioDecodingProcessor(a.getGapTolerance(), a.getMaxConcealment(),
                OpusRecording.parse(properties.getRecording().getOpus()));
    }

    /**
     * Fails start-up when audio is received and sent to a sink in a codec the pipeline cannot
     * decode (G.722): better a clear error now than a meeting without audio later.
     *
     * @throws IllegalArgumentException naming {@code rtms.stream.audio-codec} and the codecs that work
     */
    static void requireRecordableAudio(RtmsConfiguration options, RtmsSinks sinks) {
        if (options == null || sinks.audio().isEmpty()) {
            return;
        }
        try {
            if (!MediaKind.parseList(options.getMediaTypes()).contains(MediaKind.AUDIO)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            return; // the component reports a bad media type list itself
        }
        Codec codec;
        try {
            codec = Codec.parse(options.getAudioCodec());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("rtms.stream.audio-codec '" + options.getAudioCodec()
                    + "' is not an audio codec; use L16, OPUS or G711");
        }
        try {
            AudioDecoders.requireSupported(codec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rtms.stream.audio-codec: " + e.getMessage()
                    + " (or set rtms.sinks.audio: none)", e);
        }
    }

    // Camel stops the recorder (after the routes); Spring must not stop it earlier.
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(name = "rtmsFileRecorder")
    public FileRecorder rtmsFileRecorder(RecordingProperties properties, RtmsComponent rtms) {
        FileRecorder recorder = new FileRecorder(recorderSettings(properties), new ObjectMapper());
        // Recordings of streams the component is about to rejoin stay open: they continue in the same files.
        recorder.setResumingStreams(() -> rtms.getRegistryFile() == null ? Set.of()
                : StreamRegistry.resumableIds(Path.of(rtms.getRegistryFile()), rtms.getConfiguration().getSignalingReconnectWindow()));
        return recorder;
    }

    static RecorderSettings recorderSettings(RecordingProperties p) {
        RecordingProperties.Audio a = p.getAudio();
        RecordingProperties.Recording r = p.getRecording();
        return new RecorderSettings(Path.of(p.getDataDir()),
                new GapPolicy(a.isFillGaps(), a.getGapTolerance(), a.getMaxGapFill()),
                r.getHeaderRefreshInterval(), r.isDeleteOnRevoke(), r.isRecoverOnStart(),
                (int) r.getWriteBufferSize().toBytes(), r.getMaxCueDuration(), r.getMaxWriteDelay(),
                OpusRecording.parse(r.getOpus()), H264Container.parse(r.getH264()));
    }

    @Bean
    @ConditionalOnMissingBean(name = "rtmsMediaPipelineLifecycle")
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
            String uri = route.getInput().getEndpointUri();
            // a route made from a template (routes/templates.yaml) names its input with the template's parameters
            if (uri != null && route.getTemplateParameters() != null) {
                for (Map.Entry<String, Object> p : route.getTemplateParameters().entrySet()) {
                    uri = uri.replace("{{" + p.getKey() + "}}", String.valueOf(p.getValue()));
                }
            }
            served.add(normalise(uri));
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
