package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsHeadersMapFactory;
import io.camelrtms.webhook.TimeWindowIdempotentRepository;
import io.camelrtms.webhook.ZoomWebhookProcessor;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.engine.DefaultHeadersMapFactory;
import org.apache.camel.spi.HeadersMapFactory;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bundle's wiring as a team's own Spring Boot application gets it: auto-configuration that backs
 * off for a bean of the same name, switches off with {@code rtms.enabled=false}, and documents its
 * settings in the generated configuration metadata.
 */
class AutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebhookConfiguration.class))
            .withPropertyValues("rtms.zoom.webhook-secret-token=not-a-real-secret");

    @Test
    void theWebhookProcessorIsConfiguredFromRtmsProperties() {
        runner.withPropertyValues("rtms.webhook.max-body-size=2KB").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ZoomWebhookProcessor.class);
            assertThat(context.getBean(ZoomWebhookProcessor.class).getMaxBodyBytes()).isEqualTo(2048);
            assertThat(context).hasBean("zoomWebhookDedupe").hasBean("rtmsRouteWiringCheck");
        });
    }

    @Test
    void aBeanOfTheSameNameReplacesOurs() {
        runner.withUserConfiguration(OwnProcessor.class).run(context -> {
            assertThat(context).hasSingleBean(ZoomWebhookProcessor.class);
            assertThat(context.getBean("zoomWebhookProcessor")).isSameAs(context.getBean(OwnProcessor.class).processor);
        });
    }

    @Test
    void rtmsEnabledFalseSwitchesItOff() {
        runner.withPropertyValues("rtms.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(ZoomWebhookProcessor.class).doesNotHaveBean("zoomWebhookDedupe"));
    }

    @Test
    void everyAutoConfigurationIsListedAndTheSettingsHaveMetadata() throws Exception {
        try (InputStream imports = getClass().getResourceAsStream(
                "/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
             InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(new String(imports.readAllBytes())).contains(WebhookConfiguration.class.getName(),
                    RtmsComponentConfiguration.class.getName(), MediaPipelineConfiguration.class.getName());
            List<String> names = new ArrayList<>();
            for (JsonNode property : new ObjectMapper().readTree(metadata).path("properties")) {
                names.add(property.path("name").asText());
            }
            assertThat(names).contains("rtms.webhook.path", "rtms.data-dir", "rtms.sinks", "rtms.stream.audio-codec");
        }
    }

    @Test
    void withoutKafkaTheDedupeIsTheOneNodeWindowAndTheKafkaSinkSettingsHaveMetadata() throws Exception {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ClusterDedupeConfiguration.class, WebhookConfiguration.class))
                .withPropertyValues("rtms.cluster.kafka.bootstrap-servers= ")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ClusterDedupeConfiguration.class)
                        .getBean("zoomWebhookDedupe").isInstanceOf(TimeWindowIdempotentRepository.class));
        try (InputStream imports = getClass().getResourceAsStream(
                "/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
             InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(new String(imports.readAllBytes())).contains(ClusterDedupeConfiguration.class.getName(),
                    KafkaSinkConfiguration.class.getName());
            List<String> names = new ArrayList<>();
            for (JsonNode property : new ObjectMapper().readTree(metadata).path("properties")) {
                names.add(property.path("name").asText());
            }
            assertThat(names).contains("rtms.kafka.brokers", "rtms.kafka.topics", "rtms.kafka.send-timeout");
        }
    }

    @Test
    void theKafkaSinksBrokersAreTheClustersUnlessItHasItsOwn() {
        KafkaSinkProperties sink = new KafkaSinkProperties();
        ClusterProperties cluster = new ClusterProperties();
        cluster.getKafka().setBootstrapServers("cluster-1:9092");
        assertThat(KafkaSinkConfiguration.brokers(sink, cluster)).isEqualTo("cluster-1:9092");
        sink.setBrokers(" sink-1:9092,sink-2:9092 ");
        assertThat(KafkaSinkConfiguration.brokers(sink, cluster)).isEqualTo("sink-1:9092,sink-2:9092");
    }

    @Test
    void messagesGetOurHeadersMapWhenAskedForUnlessTheApplicationHasItsOwn() throws Exception {
        ApplicationContextRunner embedded = runner.withConfiguration(AutoConfigurations.of(RtmsComponentConfiguration.class));
        // an application embedding the jar keeps Camel's map unless it asks, as the bundle's application.yaml does
        embedded.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(HeadersMapFactory.class));
        embedded.withPropertyValues("rtms.headers-map=camel").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(HeadersMapFactory.class));
        ApplicationContextRunner bundle = embedded.withPropertyValues("rtms.headers-map=rtms");
        bundle.run(context -> {
            assertThat(context).hasNotFailed().getBean(HeadersMapFactory.class).isInstanceOf(RtmsHeadersMapFactory.class);
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                context.getBean("rtmsHeadersMapSetup", CamelContextConfiguration.class).beforeApplicationStart(camel);
                assertThat(camel.getCamelContextExtension().getHeadersMapFactory()).isSameAs(context.getBean(HeadersMapFactory.class));
            }
        });
        bundle.withUserConfiguration(OwnHeadersMap.class).run(context ->
                assertThat(context).hasNotFailed().getBean(HeadersMapFactory.class).isInstanceOf(DefaultHeadersMapFactory.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHeadersMap {
        @Bean
        HeadersMapFactory ownHeadersMap() {
            return new DefaultHeadersMapFactory();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnProcessor {
        final ZoomWebhookProcessor processor = new ZoomWebhookProcessor("own", Duration.ofSeconds(30), 4096, Clock.systemUTC());

        @Bean
        ZoomWebhookProcessor zoomWebhookProcessor() {
            return processor;
        }
    }
}
