package io.camelrtms.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.RtmsConfiguration;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@code rtms:} component as the bean {@code rtms}, configured from
 * {@code application.yaml}: every endpoint option under {@code rtms.stream.*} (e.g.
 * {@code rtms.stream.audio-codec}), credentials from {@code rtms.zoom.*} (the environment).
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "rtms", name = "enabled", matchIfMissing = true)
public class RtmsComponentConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "rtmsStreamOptions")
    @ConfigurationProperties("rtms.stream")
    public RtmsConfiguration rtmsStreamOptions() {
        return new RtmsConfiguration();
    }

    @Bean("rtms")
    @ConditionalOnMissingBean(name = "rtms")
    public RtmsComponent rtmsComponent(RtmsConfiguration options, ZoomProperties zoom,
                                       @Value("${rtms.data-dir:./data}") String dataDir,
                                       @Value("${rtms.max-concurrent-streams:0}") int maxConcurrentStreams,
                                       @Value("${rtms.worker-threads:0}") int workerThreads,
                                       @Value("${rtms.event-loop-threads:0}") int eventLoopThreads,
                                       @Value("${rtms.resume-streams:true}") boolean resumeStreams) {
        if (options.getClientId() == null || options.getClientId().isBlank()) {
            options.setClientId(zoom.clientId());
        }
        if (options.getClientSecret() == null || options.getClientSecret().isBlank()) {
            options.setClientSecret(zoom.clientSecret());
        }
        RtmsComponent component = new RtmsComponent();
        component.setConfiguration(options);
        component.setMaxConcurrentStreams(maxConcurrentStreams);
        component.setWorkerThreads(workerThreads);
        component.setEventLoopThreads(eventLoopThreads);
        if (resumeStreams) {
            component.setRegistryFile(Path.of(dataDir, ".rtms", "active-streams.json").toString());
        }
        return component;
    }

    @Bean
    @ConditionalOnMissingBean(name = "liveTranscripts")
    public TranscriptFeed liveTranscripts() {
        return new TranscriptFeed();
    }

    /** A route in ./routes replaces the bundled route of the same id: see {@link BundledRouteOverride}. */
    @Bean
    @ConditionalOnMissingBean(name = "rtmsBundledRouteOverride")
    public BundledRouteOverride rtmsBundledRouteOverride() {
        return new BundledRouteOverride();
    }
}
