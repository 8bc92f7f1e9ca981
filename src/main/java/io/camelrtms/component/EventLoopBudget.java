package io.camelrtms.component;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a consumer's media may still run its route on the Vert.x event loops
 * ({@code mediaOnEventLoop}). Running there saves a thread hand-off per media message (about a third of
 * the bundle's CPU, BENCHMARKS.md), but a step that blocks there holds up every stream of that event
 * loop, keep-alive answers included. So each stream's route runs on the event loop are watched in
 * windows of {@value #WINDOW} runs: when more than half the runs of a window took longer than the
 * budget, the route blocks (a synchronous call, a stalled disk) and from then on the consumer's media
 * goes through the worker pool, as without the option. Half a window rather than single slow runs:
 * garbage-collection pauses, a first file open, or a machine short of CPU make some runs slow, but a
 * blocking step makes most of them slow.
 */
final class EventLoopBudget {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoopBudget.class);
    static final int WINDOW = 64;

    private final String consumer;
    private final long budgetNanos;
    private volatile boolean exceeded;

    /**
     * @param consumer     what the log line names (the consumer's endpoint, without options)
     * @param budgetMillis how long a route run on an event loop may take; 0 never falls back
     */
    EventLoopBudget(String consumer, long budgetMillis) {
        this.consumer = consumer;
        this.budgetNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, budgetMillis));
    }

    /** Whether media may run its route on the event loop. */
    boolean allows() {
        return !exceeded;
    }

    /** The runs of one stream, counted on its event loop. */
    Window window(String streamId) {
        return new Window(streamId);
    }

    private void exceed(String streamId, int slow) {
        if (exceeded) {
            return;
        }
        exceeded = true;
        LOG.warn("{}: {} of {} media route runs of stream {} took longer than {} ms on the event loop: a route step "
                        + "blocks, so media goes through the worker pool from now on (mediaOnEventLoop, eventLoopBudget)",
                consumer, slow, WINDOW, streamId, TimeUnit.NANOSECONDS.toMillis(budgetNanos));
    }

    /** Not thread-safe: a stream's media runs one at a time. */
    final class Window {

        private final String streamId;
        private int runs;
        private int slow;

        private Window(String streamId) {
            this.streamId = streamId;
        }

        /** A route run on the event loop from {@code startNanos} to {@code endNanos} ({@link System#nanoTime()}). */
        void ran(long startNanos, long endNanos) {
            if (budgetNanos == 0) {
                return;
            }
            if (endNanos - startNanos > budgetNanos) {
                slow++;
            }
            if (++runs == WINDOW) {
                if (slow > WINDOW / 2) {
                    exceed(streamId, slow);
                }
                runs = 0;
                slow = 0;
            }
        }
    }
}
