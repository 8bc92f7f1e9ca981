package io.camelrtms.app;

import org.springframework.context.annotation.Import;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.media.AudioDecodingProcessor;
import io.camelrtms.sink.delivery.SinkStatistics;
import io.camelrtms.sink.file.FileRecorder;
import io.camelrtms.webhook.ZoomWebhookProcessor;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.core.env.Environment;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** Health, metrics and the status API's helpers. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "rtms", name = "enabled", matchIfMissing = true)
@ConditionalOnClass(name = {"org.springframework.boot.actuate.health.AbstractHealthIndicator", "io.micrometer.core.instrument.binder.MeterBinder"})
@Import(StreamsController.class)
public class OperationsConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "rtmsMetrics")
    public RtmsMetrics rtmsMetrics(RtmsComponent rtms, ZoomWebhookProcessor zoomWebhookProcessor,
                                   AudioDecodingProcessor rtmsAudioDecoder, SinkStatistics rtmsSinkStatistics,
                                   FileRecorder rtmsFileRecorder) {
        return new RtmsMetrics(rtms, zoomWebhookProcessor, rtmsAudioDecoder, rtmsSinkStatistics, rtmsFileRecorder.statistics());
    }

    /** Contributes {@code rtms} to {@code /actuator/health} (and the readiness group). */
    @Bean("rtmsHealthIndicator")
    @ConditionalOnMissingBean(name = "rtmsHealthIndicator")
    public RtmsHealthIndicator rtmsHealthIndicator(RtmsComponent rtms, ZoomProperties zoom,
                                                   @Value("${" + DemoEnvironment.ACTIVE + ":false}") boolean demo) {
        return new RtmsHealthIndicator(rtms, zoom::hasWebhookSecretToken, demo);
    }

    /** The embedded default of a run without a Zoom app: see {@link DemoEnvironment}. */
    @Bean
    @ConditionalOnMissingBean(name = "demoMeeting")
    @ConditionalOnProperty(name = DemoEnvironment.ACTIVE, havingValue = "true")
    public DemoMeeting demoMeeting(ZoomProperties zoom, WebhookProperties webhook,
                                   @Value("${rtms.data-dir:./data}") String dataDir, CamelContext camel) throws Exception {
        return new DemoMeeting(zoom, webhook.path(), Path.of(dataDir), camel);
    }

    /**
     * Streams through the join path before readiness ({@link StartupWarmup}); on in the bundle's
     * {@code application.yaml}, off for an application that embeds the component unless it sets it.
     */
    @Bean
    @ConditionalOnMissingBean(name = "rtmsStartupWarmup")
    @ConditionalOnProperty(name = "rtms.warmup.enabled", havingValue = "true")
    public StartupWarmup rtmsStartupWarmup(CamelContext camel, RtmsComponent rtms, ZoomProperties zoom, WebhookProperties webhook,
                                           RecordingProperties recording, Environment env,
                                           @Value("${rtms.warmup.streams:32}") int streams,
                                           @Value("${rtms.warmup.stream-length:1s}") Duration length,
                                           @Value("${rtms.warmup.timeout:20s}") Duration timeout) {
        return new StartupWarmup(camel, rtms, zoom, webhook.path(), recording, env, streams, length, timeout);
    }

    @Bean
    @ConditionalOnMissingBean(name = "streamFiles")
    public StreamFiles streamFiles(@Value("${rtms.data-dir:./data}") String dataDir) {
        return new StreamFiles(Path.of(dataDir));
    }
}
