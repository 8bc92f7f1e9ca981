package io.camelrtms.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.sink.delivery.SinkDelivery;
import io.camelrtms.sink.delivery.SinkStatistics;
import io.camelrtms.sink.delivery.Spool;
import io.camelrtms.sink.http.HttpSink;
import io.camelrtms.sink.kafka.KafkaSink;
import io.camelrtms.sink.routing.RtmsSinks;
import io.camelrtms.sink.s3.S3Uploader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * What the delivering sinks (http, kafka, s3) share: their statistics, the redelivery policy of their delivery routes
 * ({@code rtmsSinkRedeliveryPolicy}, from {@code rtms.delivery.*}) and the retry counter Camel's error
 * handler calls before each redelivery ({@code rtmsSinkRetries}).
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "rtms", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(DeliveryProperties.class)
public class SinkDeliveryConfiguration {

    /** Name of the spool directory under the data root. */
    public static final String SPOOL_DIR = ".spool";
    /** Sinks with a delivery (retries, spool). */
    static final java.util.List<String> DELIVERING_SINKS = java.util.List.of(HttpSink.NAME, KafkaSink.NAME, S3Uploader.NAME);

    /** Knows the delivering sinks in use from the start, so their meters exist before anything happens. */
    @Bean
    @ConditionalOnMissingBean(name = "rtmsSinkStatistics")
    public SinkStatistics rtmsSinkStatistics(RtmsSinks sinks) {
        SinkStatistics statistics = new SinkStatistics();
        for (String sink : DELIVERING_SINKS) {
            if (sinks.uses(sink)) {
                statistics.register(sink);
            }
        }
        return statistics;
    }

    /**
     * Exponential backoff, and quiet: the sinks log one line when a sink goes down and one when it
     * is back, and Camel's own exhausted-delivery log (with the exchange) stays off so no request
     * header is ever printed.
     */
    @Bean
    @ConditionalOnMissingBean(name = "rtmsSinkRedeliveryPolicy")
    public RedeliveryPolicy rtmsSinkRedeliveryPolicy(DeliveryProperties p) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(Math.max(0, p.getMaximumRedeliveries()));
        policy.setRedeliveryDelay(p.getRedeliveryDelay().toMillis());
        policy.setMaximumRedeliveryDelay(p.getMaximumRedeliveryDelay().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(p.getBackoffMultiplier());
        policy.setAllowRedeliveryWhileStopping(false);
        policy.setLogExhausted(false);
        policy.setLogRetryAttempted(false);
        policy.setLogStackTrace(false);
        policy.setLogRetryStackTrace(false);
        policy.setLogHandled(false);
        policy.setLogContinued(false);
        policy.setLogNewException(false);
        policy.setLogExhaustedMessageHistory(false);
        policy.setLogExhaustedMessageBody(false);
        policy.setRetryAttemptedLogLevel(LoggingLevel.DEBUG);
        policy.setRetriesExhaustedLogLevel(LoggingLevel.DEBUG);
        return policy;
    }

    @Bean
    @ConditionalOnMissingBean(name = "rtmsSinkRetries")
    public Processor rtmsSinkRetries(SinkStatistics statistics) {
        return exchange -> statistics.onRetry(exchange.getProperty(SinkDelivery.PROPERTY_SINK, "unknown", String.class));
    }

    /** The delivery of one sink: its spool under {@code <data-dir>/.spool/<sink>} and its lanes. */
    static SinkDelivery delivery(String sink, String dataDir, int threads, DeliveryProperties p, CamelContext context,
                                 SinkStatistics statistics, ObjectMapper mapper) {
        try {
            Spool spool = new Spool(Path.of(dataDir).resolve(SPOOL_DIR).resolve(sink), mapper);
            return new SinkDelivery(sink, spool, context, "direct:rtms-sink-" + sink + "-deliver",
                    new SinkDelivery.Settings(threads, p.getQueueCapacity(), p.getDrainDelay(), p.getMaximumDrainDelay(),
                            p.getStopTimeout()),
                    statistics);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the spool of the " + sink + " sink under " + dataDir, e);
        }
    }

    /**
     * Creates a sink's delivery engine and starts it as a Camel service.
     *
     * @return the running delivery, for the sink to submit to
     */
    static SinkDelivery start(String sink, String dataDir, int threads, DeliveryProperties p, CamelContext context,
                              SinkStatistics statistics) {
        statistics.register(sink);
        SinkDelivery d = delivery(sink, dataDir, threads, p, context, statistics, new ObjectMapper());
        startService(context, sink, d);
        return d;
    }

    /** Adds a sink's service to Camel, started now. */
    static void startService(CamelContext context, String sink, Object service) {
        try {
            context.addService(service, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the " + sink + " sink: " + e.getMessage(), e);
        }
    }
}
