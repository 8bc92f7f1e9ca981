package io.camelrtms.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tasks of one stream one at a time, in submission order, on a pool shared by all
 * streams, so a stream's order is kept; with {@link #runOrSubmit} a task may instead run at once on
 * the submitting thread (an event loop), when nothing of the stream is queued or running, which
 * saves the thread hand-off.
 *
 * <p>Written here because neither the JDK nor Camel offers a serial view of a shared pool, and
 * Vert.x's ordered {@code executeBlocking} orders per event-loop context, which many streams share.
 *
 * <p>The queue is bounded. Crossing the high-water mark calls {@link Pressure#pause()} once (the
 * caller stops reading its sockets), falling back to the low-water mark calls
 * {@link Pressure#resume()}. Past the hard limit {@link #submit} refuses and the caller must account
 * for the refusal; {@link #submitAlways} never refuses and is for the few tasks that must not be lost.
 */
public final class SerialExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    /** Tasks run per turn before the thread goes back to the pool, so one busy stream cannot starve others. */
    private static final int TURN = 64;

    /** What {@link #runOrSubmit} did with a task. */
    public enum Handed {
        /** Ran on the calling thread, before the call returned. */
        RAN,
        /** Queued for a worker thread. */
        QUEUED,
        /** Not run and not queued: the queue is full. */
        REFUSED
    }

    /** Back-pressure callbacks; called from submitting or worker threads. */
    public interface Pressure {
        void pause();

        void resume();
    }

    private final Executor pool;
    private final int capacity;
    private final int highWater;
    private final int lowWater;
    private final Pressure pressure;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();

    public SerialExecutor(Executor pool, int capacity, Pressure pressure) {
        this.pool = pool;
        this.capacity = Math.max(4, capacity);
        this.highWater = Math.max(2, this.capacity * 3 / 4);
        this.lowWater = Math.max(1, this.capacity / 4);
        this.pressure = pressure;
    }

    /** Queues a task; {@code false} when the queue is full (the task was not queued). */
    public boolean submit(Runnable task) {
        if (size.get() >= capacity) {
            return false;
        }
        enqueue(task);
        return true;
    }

    /**
     * Runs the task on the calling thread when nothing of this executor is queued or running (so
     * order is kept), else queues it like {@link #submit}, refusing it when the queue is full.
     */
    public Handed runOrSubmit(Runnable task) {
        if (size.get() == 0 && scheduled.compareAndSet(false, true)) {
            try {
                if (queue.isEmpty()) {
                    try {
                        task.run();
                    } catch (RuntimeException | Error e) {
                        LOG.error("RTMS task failed; continuing with the next one", e);
                    }
                    return Handed.RAN;
                }
                enqueueWithoutScheduling(task);
                return Handed.QUEUED;
            } finally {
                scheduled.set(false);
                if (!queue.isEmpty()) {
                    schedule();
                }
            }
        }
        return submit(task) ? Handed.QUEUED : Handed.REFUSED;
    }

    private void enqueueWithoutScheduling(Runnable task) {
        queue.add(task);
        int n = size.incrementAndGet();
        if (n >= highWater && paused.compareAndSet(false, true)) {
            pressure.pause();
        }
    }

    /** Queues a task even past the limit: for lifecycle changes and error reports. */
    public void submitAlways(Runnable task) {
        enqueue(task);
    }

    public int size() {
        return size.get();
    }

    private void enqueue(Runnable task) {
        queue.add(task);
        int n = size.incrementAndGet();
        if (n >= highWater && paused.compareAndSet(false, true)) {
            pressure.pause();
        }
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            pool.execute(this::runTurn);
        }
    }

    private void runTurn() {
        try {
            for (int i = 0; i < TURN; i++) {
                Runnable task = queue.poll();
                if (task == null) {
                    break;
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("RTMS task failed; continuing with the next one", e);
                }
                int n = size.decrementAndGet();
                if (n <= lowWater && paused.compareAndSet(true, false)) {
                    pressure.resume();
                }
            }
        } finally {
            scheduled.set(false);
            // A task queued while this turn was ending found 'scheduled' still set: pick it up.
            if (!queue.isEmpty()) {
                schedule();
            }
        }
    }
}
