package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.TestExchanges;
import io.camelrtms.media.AudioDecodingProcessor;
import io.camelrtms.media.TestSignals;
import io.camelrtms.webhook.ZoomWebhookProcessor;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Opus decode meters under the names the bench and the docs read from {@code /actuator/prometheus}
 * (the same Prometheus registry the actuator scrapes).
 */
class RtmsMetricsTest {

    private final AudioDecodingProcessor decoder = new AudioDecodingProcessor(Duration.ofMillis(10), Duration.ofMillis(100));
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void opusDecodeIsExportedInWallClockAndThreadCpuTime() {
        Assumptions.assumeTrue(decoder.measuresCpuTime(), "this JVM does not measure thread CPU time");
        new RtmsMetrics(new RtmsComponent(), new ZoomWebhookProcessor("secret", Duration.ofMinutes(5), 65536, Clock.systemUTC()),
                decoder).bindTo(registry);
        String before = registry.scrape();
        assertThat(value(before, "rtms_audio_opus_decode_cpu_time_seconds_total")).isZero();

        TestExchanges ex = new TestExchanges("s1");
        List<byte[]> packets = TestSignals.opusPackets(TestSignals.tones(48000, 2, 4800), 48000, 2, 20);
        for (int i = 0; i < packets.size(); i++) {
            decoder.process(ex.audio(packets.get(i), "OPUS", 48000, 2, "1", "A", 1000 + 20L * i));
        }

        String after = registry.scrape();
        assertThat(value(after, "rtms_audio_opus_decoded_total")).isEqualTo(packets.size());
        assertThat(value(after, "rtms_audio_opus_decode_time_seconds_total")).isPositive();
        assertThat(value(after, "rtms_audio_opus_decode_cpu_time_seconds_total")).isPositive()
                .isEqualTo(decoder.opusDecodeCpuSeconds());
    }

    private static double value(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("%s in%n%s", name, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
