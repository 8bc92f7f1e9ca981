package io.camelrtms.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import io.camelrtms.sink.delivery.SinkStatistics;
import io.camelrtms.sink.routing.RtmsSinks;
import io.camelrtms.sink.s3.S3DeliverySteps;
import io.camelrtms.sink.s3.S3Uploader;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Wires the {@code s3} sink used by {@code routes/sinks.yaml} ({@code rtmsS3Uploader}, and
 * {@code rtmsS3DeliverySteps} for its delivery route) and builds its camel-aws2-s3 endpoint from {@code rtms.s3.*}. Its delivery (threads, spool) and rolling
 * uploads start only when a media type goes to {@code s3}, and then {@code rtms.s3.bucket} is required.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "rtms", name = "enabled", matchIfMissing = true)
@ConditionalOnClass(name = "org.apache.camel.component.aws2.s3.AWS2S3Component")
@EnableConfigurationProperties({S3SinkProperties.class, DeliveryProperties.class, RecordingProperties.class})
public class S3SinkConfiguration {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final long MIN_PART = 5L * 1024 * 1024;

    @Bean
    @ConditionalOnMissingBean(name = "rtmsS3Uploader")
    public S3Uploader rtmsS3Uploader(S3SinkProperties p, RecordingProperties recording, RtmsSinks sinks) {
        return new S3Uploader(new S3Uploader.Settings(Path.of(recording.getDataDir()), p.getPrefix(), p.getSegmentInterval(),
                p.isDeleteLocalAfterUpload(), recording.getRecording().isDeleteOnRevoke(), sinks.typesUsing(S3Uploader.NAME),
                sinks.typesUsing("file"), endpointUri(p)));
    }

    @Bean
    @ConditionalOnMissingBean(name = "rtmsS3DeliverySteps")
    public S3DeliverySteps rtmsS3DeliverySteps(S3Uploader uploader) {
        return new S3DeliverySteps(uploader.settings().endpointUri(), uploader.settings().dataDir());
    }

    /**
     * The camel-aws2-s3 endpoint: default credential chain, multipart above the part size, and the
     * region, endpoint override and path style when set.
     */
    static String endpointUri(S3SinkProperties p) {
        StringBuilder uri = new StringBuilder("aws2-s3://").append(p.getBucket().strip())
                .append("?useDefaultCredentialsProvider=true&autoCreateBucket=false&multiPartUpload=true")
                .append("&partSize=").append(Math.max(MIN_PART, p.getPartSize().toBytes()));
        if (!p.getRegion().isBlank()) {
            uri.append("&region=").append(p.getRegion().strip());
        }
        if (!p.getEndpointOverride().isBlank()) {
            uri.append("&overrideEndpoint=true&uriEndpointOverride=").append(p.getEndpointOverride().strip());
        }
        if (p.isForcePathStyle()) {
            uri.append("&forcePathStyle=true");
        }
        return uri.toString();
    }

    @Bean
    @ConditionalOnMissingBean(name = "rtmsS3SinkLifecycle")
    public CamelContextConfiguration rtmsS3SinkLifecycle(RtmsSinks sinks, S3Uploader uploader, S3SinkProperties p,
                                                         DeliveryProperties delivery, RecordingProperties recording,
                                                         SinkStatistics statistics) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                if (!sinks.uses(S3Uploader.NAME)) {
                    return;
                }
                requireSettings(p);
                // the uploader needs its delivery before it starts, so it is started after it
                uploader.setDelivery(SinkDeliveryConfiguration.start(S3Uploader.NAME, recording.getDataDir(),
                        p.getUploadThreads(), delivery, context, statistics));
                SinkDeliveryConfiguration.startService(context, S3Uploader.NAME, uploader);
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // nothing to do
            }
        };
    }

    /** @throws IllegalArgumentException naming the property that is wrong */
    static void requireSettings(S3SinkProperties p) {
        String bucket = p.getBucket() == null ? "" : p.getBucket().strip();
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("rtms.s3.bucket is required when a media type goes to s3 (rtms.sinks)");
        }
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("rtms.s3.bucket '" + bucket + "' is not a valid bucket name");
        }
        if (p.getPartSize().toBytes() < MIN_PART) {
            throw new IllegalArgumentException("rtms.s3.part-size must be at least 5MB (S3's smallest part), not " + p.getPartSize());
        }
        String endpoint = p.getEndpointOverride().strip();
        if (!endpoint.isEmpty() && !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
            throw new IllegalArgumentException("rtms.s3.endpoint-override must be an http(s) URL, not '" + endpoint + "'");
        }
        if (p.getSegmentInterval().isNegative()) {
            throw new IllegalArgumentException("rtms.s3.segment-interval must not be negative");
        }
    }
}
