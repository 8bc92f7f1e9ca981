package io.camelrtms.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * {@link RouteBenchmark}'s audio exchange timed by the thread's CPU time rather than the wall clock, so
 * that other processes on a shared machine do not count: rounds of {@code -Drounds} (10) ×
 * {@code -Dops} (200,000) exchanges after as many warm-up rounds, prints the median and the spread in
 * CPU ns per exchange, and the user part of it (without the kernel time of the file writes).
 * {@code -Dbench.routes=other.yaml} measures a variant of the media routes and
 * {@code -Dbench.headersMap=rtms} the messages on RtmsHeadersMap, as in RouteBenchmark.
 */
public final class RouteCpu {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 10);
        int ops = Integer.getInteger("ops", 200_000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RouteBenchmark b = new RouteBenchmark();
        b.streams = 100;
        b.setUp();
        double[] perOp = new double[rounds];
        double[] userPerOp = new double[rounds];
        for (int r = -rounds; r < rounds; r++) {
            b.resetStreams();
            long t0 = threads.getCurrentThreadCpuTime();
            long u0 = threads.getCurrentThreadUserTime();
            for (int i = 0; i < ops; i++) {
                if (b.audioExchange() != null) {
                    throw new IllegalStateException("the route failed");
                }
            }
            long t1 = threads.getCurrentThreadCpuTime();
            long u1 = threads.getCurrentThreadUserTime();
            b.stopStreams();
            if (r >= 0) {
                perOp[r] = (t1 - t0) / (double) ops;
                userPerOp[r] = (u1 - u0) / (double) ops;
            }
        }
        String maps = b.camel.getCamelContextExtension().getHeadersMapFactory().toString();
        b.tearDown();
        Arrays.sort(perOp);
        Arrays.sort(userPerOp);
        System.out.printf("route CPU per audio exchange: median %.0f ns (min %.0f, max %.0f) over %d rounds of %d, headers map %s%n",
                perOp[rounds / 2], perOp[0], perOp[rounds - 1], rounds, ops, maps);
        // the file sink's writes are kernel time, which other processes' I/O on a shared machine sways
        System.out.printf("of which user (JVM) time: median %.0f ns (min %.0f, max %.0f)%n",
                userPerOp[rounds / 2], userPerOp[0], userPerOp[rounds - 1]);
    }
}
