package io.camelrtms.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.RtmsConfiguration;
import io.camelrtms.component.RtmsHeadersMapFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.HeadersMapFactory;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@code rtms:} component as the bean {@code rtms}, configured from
 * {@code application.yaml}: every endpoint option under {@code rtms.stream.*} (e.g.
 * {@code rtms.stream.audio-codec}), credentials from {@code rtms.zoom.*} (the environment). With
 * {@code rtms.headers-map=rtms} (the bundle's application.yaml) Camel messages carry
 * {@link io.camelrtms.component.RtmsHeadersMap} (see {@link #rtmsHeadersMapFactory()}).
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

    /**
     * The headers map of every Camel message: ours instead of Camel's TreeMap when {@code rtms.headers-map=rtms}
     * (the bundle sets it; an application embedding the jar keeps Camel's unless it does too); an
     * application's own HeadersMapFactory bean wins.
     */
    @Bean
    @ConditionalOnMissingBean(HeadersMapFactory.class)
    @ConditionalOnProperty(prefix = "rtms", name = "headers-map", havingValue = "rtms")
    public RtmsHeadersMapFactory rtmsHeadersMapFactory() {
        return new RtmsHeadersMapFactory();
    }

    /**
     * Sets the HeadersMapFactory bean, if there is one, on the context before its routes start: Camel
     * Spring Boot looks many SPI beans up in the registry, but not this one (Camel 4.17).
     */
    @Bean
    @ConditionalOnMissingBean(name = "rtmsHeadersMapSetup")
    public CamelContextConfiguration rtmsHeadersMapSetup(ObjectProvider<HeadersMapFactory> maps) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                HeadersMapFactory factory = maps.getIfUnique();
                if (factory != null) {
                    context.getCamelContextExtension().setHeadersMapFactory(factory);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // nothing to do
            }
        };
    }
}
