package io.camelrtms.bench;

import io.camelrtms.component.RtmsConstants;
import io.camelrtms.component.RtmsHeadersMapFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import org.apache.camel.impl.engine.DefaultHeadersMapFactory;
import org.apache.camel.spi.HeadersMapFactory;

/**
 * The headers map alone, as an audio exchange uses it, in thread CPU time: a copy of the stream's
 * template of constant headers, the per-frame headers put, then the look-ups the media route and
 * the file sink make (a few of absent names). {@code -Dbench.headersMap=rtms} for RtmsHeadersMap,
 * else Camel's TreeMap; {@code -Drounds} (10) × {@code -Dops} (1,000,000) after as many warm-up rounds.
 */
public final class HeadersMapCpu {

    private static final String[] LOOKUPS = {
            RtmsConstants.MEDIA_TYPE, RtmsConstants.MEDIA_TYPE, RtmsConstants.AUDIO_CODEC, RtmsConstants.AUDIO_SAMPLE_RATE,
            RtmsConstants.AUDIO_CHANNELS, RtmsConstants.AUDIO_PER_SPEAKER, RtmsConstants.STREAM_ID, RtmsConstants.ENTITY_ID,
            RtmsConstants.PRODUCT, RtmsConstants.USER_ID, RtmsConstants.USER_NAME, RtmsConstants.TIMESTAMP,
            RtmsConstants.SEQUENCE, RtmsConstants.LIFECYCLE, RtmsConstants.CHANNEL_ID, "CamelFileName",
            RtmsConstants.STREAM_ID, RtmsConstants.TIMESTAMP, RtmsConstants.AUDIO_SEND_RATE, RtmsConstants.ENTITY_KEY,
    };

    public static void main(String[] args) {
        int rounds = Integer.getInteger("rounds", 10);
        int ops = Integer.getInteger("ops", 1_000_000);
        HeadersMapFactory maps = "rtms".equals(System.getProperty("bench.headersMap"))
                ? new RtmsHeadersMapFactory() : new DefaultHeadersMapFactory();
        Map<String, Object> template = maps.newMap();
        template.put(RtmsConstants.PRODUCT, "meeting");
        template.put(RtmsConstants.ENTITY_KEY, "meeting_uuid");
        template.put(RtmsConstants.ENTITY_ID, "bench-meeting==");
        template.put(RtmsConstants.STREAM_ID, "bench-stream");
        template.put(RtmsConstants.SERVER_REGION, "us");
        template.put(RtmsConstants.MEDIA_TYPE, "AUDIO");
        template.put(RtmsConstants.AUDIO_CODEC, "L16");
        template.put(RtmsConstants.AUDIO_SAMPLE_RATE, 16000);
        template.put(RtmsConstants.AUDIO_CHANNELS, 1);
        template.put(RtmsConstants.AUDIO_PER_SPEAKER, false);
        template.put(RtmsConstants.AUDIO_SEND_RATE, 20);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] perOp = new double[rounds];
        long sink = 0;
        for (int r = -rounds; r < rounds; r++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < ops; i++) {
                Map<String, Object> m = maps.newMap(template);
                m.put(RtmsConstants.TIMESTAMP, (long) i);
                m.put(RtmsConstants.SEQUENCE, (long) i);
                m.put(RtmsConstants.USER_ID, "16778240");
                m.put(RtmsConstants.USER_NAME, "Alice");
                for (String name : LOOKUPS) {
                    if (m.get(name) != null) {
                        sink++;
                    }
                }
            }
            long t1 = threads.getCurrentThreadCpuTime();
            if (r >= 0) {
                perOp[r] = (t1 - t0) / (double) ops;
            }
        }
        Arrays.sort(perOp);
        System.out.printf("headers map CPU per exchange: median %.0f ns (min %.0f, max %.0f) over %d rounds of %d, %s (%d)%n",
                perOp[rounds / 2], perOp[0], perOp[rounds - 1], rounds, ops, maps.getClass().getSimpleName(), sink);
    }
}
