package io.camelrtms.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.sink.delivery.SinkStatistics;
import io.camelrtms.sink.delivery.AudioChunks;
import io.camelrtms.sink.http.HttpSink;
import io.camelrtms.sink.routing.RtmsSinks;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.AggregateController;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Wires the {@code http} sink used by {@code routes/sinks.yaml}: {@code rtmsHttpSink},
 * {@code rtmsHttpAudioChunks} with its {@code rtmsHttpAudioChunkController} and {@code rtmsHttpAudioChunkExecutor}. Its delivery (threads,
 * spool) starts only when a media type goes to {@code http}, and then {@code rtms.http.url} must be
 * an http(s) URL.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "rtms", name = "enabled", matchIfMissing = true)
@ConditionalOnClass(name = "org.apache.camel.component.http.HttpComponent")
@EnableConfigurationProperties({HttpSinkProperties.class, DeliveryProperties.class, RecordingProperties.class})
public class HttpSinkConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "rtmsHttpAudioChunks")
    public AudioChunks rtmsHttpAudioChunks(HttpSinkProperties p) {
        return new AudioChunks(p.getAudioChunk());
    }

    @Bean
    @ConditionalOnMissingBean(name = "rtmsHttpAudioChunkController")
    public AggregateController rtmsHttpAudioChunkController(@Qualifier("rtmsHttpAudioChunks") AudioChunks chunks) {
        return chunks.controller();
    }

    /** The aggregator's executor in the Camel registry (see {@link #bindChunkExecutor}). */
    public static final String CHUNK_EXECUTOR = "rtmsHttpAudioChunkExecutor";

    @Bean
    @ConditionalOnMissingBean(name = "rtmsHttpSink")
    public HttpSink rtmsHttpSink(HttpSinkProperties p, @Qualifier("rtmsHttpAudioChunks") AudioChunks chunks,
                                 RecordingProperties recording) {
        Map<String, String> byType = new LinkedHashMap<>();
        p.getUrls().forEach((type, url) -> byType.put(type.toLowerCase(Locale.ROOT), url));
        return new HttpSink(new HttpSink.Settings(p.getUrl(), byType, p.getAuthHeaderName(), p::getAuthHeaderValue,
                p.getConnectTimeout(), p.getResponseTimeout()), new ObjectMapper(), chunks,
                recording.getRecording().isDeleteOnRevoke());
    }

    @Bean
    @ConditionalOnMissingBean(name = "rtmsHttpSinkLifecycle")
    public CamelContextConfiguration rtmsHttpSinkLifecycle(RtmsSinks sinks, HttpSink sink, HttpSinkProperties p,
                                                           DeliveryProperties delivery, RecordingProperties recording,
                                                           SinkStatistics statistics) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                bindChunkExecutor(context);
                if (!sinks.uses(HttpSink.NAME)) {
                    return;
                }
                requireUrl("rtms.http.url", p.getUrl());
                p.getUrls().forEach((type, url) -> requireUrl("rtms.http.urls." + type, url));
                sink.setDelivery(SinkDeliveryConfiguration.start(HttpSink.NAME, recording.getDataDir(),
                        p.getDeliveryThreads(), delivery, context, statistics));
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // nothing to do
            }
        };
    }

    /**
     * Runs the aggregator's completed chunks on the thread that completed them (instead of its own
     * single thread): a full chunk on the stream's thread, in order with its other requests, and
     * the partial chunks a stream's STOPPED flushes before that STOPPED is sent on. Bound in Camel's
     * registry only: an Executor bean in Spring would switch off Spring Boot's own task executor.
     */
    static void bindChunkExecutor(CamelContext context) {
        if (context.getRegistry().lookupByName(CHUNK_EXECUTOR) == null) {
            context.getRegistry().bind(CHUNK_EXECUTOR, ExecutorService.class, new SynchronousExecutorService());
        }
    }

    /**
     * @throws IllegalArgumentException naming the property when the value is not an http(s) URL
     */
    static void requireUrl(String property, String url) {
        String hint = property + " must be the http(s) URL the http sink posts to";
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(hint + "; it is empty");
        }
        try {
            URI u = URI.create(url.strip());
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException(hint + ", not '" + url + "'");
            }
            if (u.getUserInfo() != null) {
                throw new IllegalArgumentException(property + " must not hold credentials; use rtms.http.auth-header-value");
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(property)) {
                throw e;
            }
            throw new IllegalArgumentException(hint + ", not '" + url + "'", e);
        }
    }
}
