package io.camelrtms.sink;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The sinks' thread pools, made by Camel's {@link org.apache.camel.spi.ExecutorServiceManager}: named
 * after the sink (in Camel's thread name pattern), visible to Camel's management, and shut down with
 * the context if the sink did not shut them down itself. Shut one down through the manager
 * ({@code shutdownNow}, {@code shutdownGraceful}) so the manager forgets it too.
 *
 * <p>The profiles are spelled out because Camel's defaults differ from the JDK executors these pools
 * replace: a task queue bounded at 1000 whose overflow runs on the caller (here that would be a media
 * thread doing network I/O). These keep the JDK's: an unbounded queue, and a task refused once the
 * pool is shut down.
 */
public final class SinkThreads {

    private SinkThreads() {
    }

    /** A pool of {@code threads} threads that never time out. */
    public static ExecutorService fixedPool(CamelContext context, Object source, String name, int threads) {
        return context.getExecutorServiceManager().newThreadPool(source, name, profile(name, threads));
    }

    /** One thread running scheduled tasks. */
    public static ScheduledExecutorService scheduler(CamelContext context, Object source, String name) {
        return context.getExecutorServiceManager().newScheduledThreadPool(source, name, profile(name, 1));
    }

    private static ThreadPoolProfile profile(String name, int threads) {
        return new ThreadPoolProfileBuilder(name).poolSize(threads).maxPoolSize(threads).keepAliveTime(0L)
                .allowCoreThreadTimeOut(false).maxQueueSize(Integer.MAX_VALUE)
                .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build();
    }
}
