package io.camelrtms.app;

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
@Configuration(proxyBeanMethods = false)
public class RtmsComponentConfiguration {

    @Bean
    @ConfigurationProperties("rtms.stream")
    public RtmsConfiguration rtmsStreamOptions() {
        return new RtmsConfiguration();
    }

    @Bean("rtms")
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
    public TranscriptFeed liveTranscripts() {
        return new TranscriptFeed();
    }
}
