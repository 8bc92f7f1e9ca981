package io.camelrtms.app;

import io.camelrtms.cluster.ClusterSettings;
import io.camelrtms.cluster.KafkaStreamPlacement;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.sink.file.FileRecorder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The cluster mode, on while {@code rtms.cluster.kafka.bootstrap-servers} is set (docs/cluster.md): the
 * {@code rtms:} component's streams are placed by {@link KafkaStreamPlacement} (control topic, consumer
 * group, state topic) instead of all running here. The state topic replaces the local registry of active
 * streams, whose file several replicas sharing a data directory would overwrite; the recording recovery
 * at start leaves alone the streams another replica may be writing.
 *
 * <p>The node joins the group once Camel has started the routes (it may take over streams at once) and
 * leaves it when Camel begins to stop, before the routes stop: its streams are handed over while their
 * route still takes their last exchanges.
 */
@AutoConfiguration(after = {RtmsComponentConfiguration.class, MediaPipelineConfiguration.class})
@ConditionalOnExpression("'${rtms.enabled:true}' != 'false' && !'${rtms.cluster.kafka.bootstrap-servers:}'.isBlank()")
@EnableConfigurationProperties(ClusterProperties.class)
public class ClusterConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfiguration.class);

    /** {@code rtms.stream.duplicate-retries} in a cluster unless set: see docs/cluster.md. */
    static final int CLUSTER_DUPLICATE_RETRIES = 5;

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "rtmsClusterPlacement")
    public KafkaStreamPlacement rtmsClusterPlacement(ClusterProperties cluster, RtmsComponent rtms,
                                                     ObjectProvider<FileRecorder> recorder, Environment environment) {
        if (!environment.containsProperty("rtms.stream.duplicate-retries")) {
            // a new owner may find a paused replica's sockets still open: Zoom refuses it until they drop,
            // so it retries for about 45 s (1.5 s doubling, inside Zoom's reconnect window), not 3 times
            rtms.getConfiguration().setDuplicateRetries(CLUSTER_DUPLICATE_RETRIES);
        }
        ClusterProperties.Kafka kafka = cluster.getKafka();
        ClusterSettings settings = new ClusterSettings(kafka.getBootstrapServers().trim(), nodeId(cluster), kafka.getControlTopic(),
                kafka.getStateTopic(), kafka.getGroupId(), kafka.getPartitions(), kafka.getReplicationFactor(),
                kafka.getSessionTimeout(), cluster.getHandOverTimeout(), KafkaClientProperties.forCluster(cluster));
        if (!settings.kafka().isEmpty()) {
            LOG.info("Cluster Kafka clients get the properties {}", KafkaClientProperties.describe(settings.kafka()));
        }
        KafkaStreamPlacement placement = new KafkaStreamPlacement(settings, rtms);
        placement.start();
        rtms.setStreamPlacement(placement);
        rtms.setRegistryFile(null);
        recorder.ifAvailable(r -> {
            r.setResumingStreams(placement::liveStreamIds);
            r.setLeased(placement::leased);
        });
        return placement;
    }

    /** Joins the group after the routes started; hands the streams over as soon as Camel begins to stop. */
    @Bean
    public CamelContextConfiguration rtmsClusterLifecycle(KafkaStreamPlacement placement) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                // the webhook route waits until the control message is stored in Kafka (routes/webhook.yaml)
                context.getPropertiesComponent().addOverrideProperty("rtms.webhook.control-wait", "Always");
                context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                    @Override
                    public void notify(CamelEvent event) {
                        placement.close();
                    }

                    @Override
                    public boolean isEnabled(CamelEvent event) {
                        return event instanceof CamelEvent.CamelContextStoppingEvent;
                    }
                });
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                placement.join();
            }
        };
    }

    /** rtms_cluster_owned_streams and rtms_cluster_partitions, tagged with the node. */
    @Bean
    public MeterBinder rtmsClusterMetrics(KafkaStreamPlacement placement) {
        return registry -> {
            Gauge.builder("rtms.cluster.owned.streams", placement, KafkaStreamPlacement::ownedStreams).tag("node", placement.nodeId())
                    .description("Streams this cluster node runs").register(registry);
            Gauge.builder("rtms.cluster.partitions", placement, KafkaStreamPlacement::ownedPartitions).tag("node", placement.nodeId())
                    .description("Partitions of the control topic this cluster node owns").register(registry);
            Gauge.builder("rtms.cluster.streams", placement, KafkaStreamPlacement::clusterStreams).tag("node", placement.nodeId())
                    .description("Live streams over the whole cluster, as this node sees them").register(registry);
        };
    }

    /** rtms.cluster.node-id, else the host name: stream state, status API, metrics and manifests name the node. */
    static String nodeId(ClusterProperties cluster) {
        if (cluster.getNodeId() != null && !cluster.getNodeId().isBlank()) {
            return cluster.getNodeId().trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            LOG.warn("No rtms.cluster.node-id and the host name is unknown ({}); naming this node by its process", e.getMessage());
            return "pid-" + ProcessHandle.current().pid();
        }
    }
}
