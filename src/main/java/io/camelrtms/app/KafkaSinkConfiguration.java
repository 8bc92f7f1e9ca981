package io.camelrtms.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.sink.delivery.SinkStatistics;
import io.camelrtms.sink.delivery.AudioChunks;
import io.camelrtms.sink.kafka.KafkaSink;
import io.camelrtms.sink.routing.RtmsSinks;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.AggregateController;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Wires the {@code kafka} sink used by {@code routes/sinks.yaml}: {@code rtmsKafkaSink} and
 * {@code rtmsKafkaAudioChunks} with its {@code rtmsKafkaAudioChunkController} (the aggregator's
 * executor is the http sink's {@code rtmsHttpAudioChunkExecutor}). Its delivery (threads, spool under
 * {@code <data-dir>/.spool/kafka}) starts only when a media type goes to {@code kafka}, and then the
 * brokers must be set: {@code rtms.kafka.brokers}, else {@code rtms.cluster.kafka.bootstrap-servers}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "rtms", name = "enabled", matchIfMissing = true)
@ConditionalOnClass(name = "org.apache.camel.component.kafka.KafkaComponent")
@EnableConfigurationProperties({KafkaSinkProperties.class, ClusterProperties.class, DeliveryProperties.class,
        RecordingProperties.class})
public class KafkaSinkConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSinkConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(name = "rtmsKafkaAudioChunks")
    public AudioChunks rtmsKafkaAudioChunks(KafkaSinkProperties p) {
        return new AudioChunks(p.getAudioChunk());
    }

    @Bean
    @ConditionalOnMissingBean(name = "rtmsKafkaAudioChunkController")
    public AggregateController rtmsKafkaAudioChunkController(@Qualifier("rtmsKafkaAudioChunks") AudioChunks chunks) {
        return chunks.controller();
    }

    @Bean
    @ConditionalOnMissingBean(name = "rtmsKafkaSink")
    public KafkaSink rtmsKafkaSink(KafkaSinkProperties p, ClusterProperties cluster, RecordingProperties recording,
                                   @Qualifier("rtmsKafkaAudioChunks") AudioChunks chunks) {
        Map<String, String> topics = new LinkedHashMap<>();
        p.getTopics().forEach((type, topic) -> topics.put(type.toLowerCase(Locale.ROOT), topic));
        return new KafkaSink(new KafkaSink.Settings(brokers(p, cluster), topics, p.getSendTimeout(),
                KafkaClientProperties.forSink(p, cluster)), new ObjectMapper(),
                chunks, recording.getRecording().isDeleteOnRevoke());
    }

    @Bean
    @ConditionalOnMissingBean(name = "rtmsKafkaSinkLifecycle")
    public CamelContextConfiguration rtmsKafkaSinkLifecycle(RtmsSinks sinks, KafkaSink sink, KafkaSinkProperties p,
                                                            ClusterProperties cluster, DeliveryProperties delivery,
                                                            RecordingProperties recording, SinkStatistics statistics) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                HttpSinkConfiguration.bindChunkExecutor(context);
                if (!sinks.uses(KafkaSink.NAME)) {
                    return;
                }
                if (brokers(p, cluster).isBlank()) {
                    throw new IllegalArgumentException("A media type goes to the kafka sink but no Kafka brokers are set: "
                            + "set rtms.kafka.brokers (RTMS_KAFKA_BROKERS) or rtms.cluster.kafka.bootstrap-servers");
                }
                p.getTopics().keySet().forEach(type -> {
                    if (!KafkaSink.TYPES.contains(type.toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException("rtms.kafka.topics." + type + " is not a media type; expected one of "
                                + KafkaSink.TYPES);
                    }
                });
                if (!sink.clientProperties().isEmpty()) {
                    context.getRegistry().bind(KafkaSink.CLIENT_PROPERTIES, sink.clientProperties());
                    LOG.info("The kafka sink's producer gets the properties {}", KafkaClientProperties.describe(sink.clientProperties()));
                }
                sink.setDelivery(SinkDeliveryConfiguration.start(KafkaSink.NAME, recording.getDataDir(),
                        p.getDeliveryThreads(), delivery, context, statistics));
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // nothing to do
            }
        };
    }

    /** The sink's brokers: its own, else the cluster's. */
    static String brokers(KafkaSinkProperties p, ClusterProperties cluster) {
        String own = p.getBrokers() == null ? "" : p.getBrokers().strip();
        return own.isEmpty() ? cluster.getKafka().getBootstrapServers().strip() : own;
    }
}
