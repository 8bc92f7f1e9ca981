package io.camelrtms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static SerialExecutor.Pressure counting(AtomicInteger pauses, AtomicInteger resumes) {
        return new SerialExecutor.Pressure() {
            @Override
            public void pause() {
                pauses.incrementAndGet();
            }

            @Override
            public void resume() {
                resumes.incrementAndGet();
            }
        };
    }

    @Test
    void runsTasksOneAtATimeInOrderAcrossManyStreams() {
        int streams = 20;
        int perStream = 500;
        List<List<Integer>> seen = new CopyOnWriteArrayList<>();
        AtomicInteger maxConcurrentPerStream = new AtomicInteger();
        for (int s = 0; s < streams; s++) {
            List<Integer> order = new CopyOnWriteArrayList<>();
            seen.add(order);
            AtomicInteger inside = new AtomicInteger();
            SerialExecutor ex = new SerialExecutor(pool, 10_000, counting(new AtomicInteger(), new AtomicInteger()));
            for (int i = 0; i < perStream; i++) {
                int n = i;
                ex.submitAlways(() -> {
                    int now = inside.incrementAndGet();
                    maxConcurrentPerStream.accumulateAndGet(now, Math::max);
                    order.add(n);
                    inside.decrementAndGet();
                });
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().allMatch(l -> l.size() == perStream));
        for (List<Integer> order : seen) {
            for (int i = 0; i < perStream; i++) {
                assertThat(order.get(i)).isEqualTo(i);
            }
        }
        assertThat(maxConcurrentPerStream.get()).isEqualTo(1);
    }

    @Test
    void pausesAtHighWaterResumesAtLowWaterAndRefusesWhenFull() throws Exception {
        AtomicInteger pauses = new AtomicInteger();
        AtomicInteger resumes = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        SerialExecutor ex = new SerialExecutor(pool, 8, counting(pauses, resumes));
        AtomicInteger ran = new AtomicInteger();
        ex.submit(() -> {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.incrementAndGet();
        });
        int accepted = 1;
        while (ex.submit(ran::incrementAndGet)) {
            accepted++;
            assertThat(accepted).isLessThanOrEqualTo(8);
        }
        assertThat(accepted).isEqualTo(8);
        assertThat(pauses.get()).isEqualTo(1);
        ex.submitAlways(ran::incrementAndGet);
        assertThat(ex.size()).isEqualTo(9);
        gate.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 9);
        assertThat(resumes.get()).isEqualTo(1);
        assertThat(ex.size()).isZero();
    }

    @Test
    void aFailingTaskDoesNotStopTheQueue() {
        SerialExecutor ex = new SerialExecutor(pool, 10, counting(new AtomicInteger(), new AtomicInteger()));
        AtomicInteger ran = new AtomicInteger();
        ex.submit(() -> {
            throw new IllegalStateException("boom");
        });
        ex.submit(ran::incrementAndGet);
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 1);
    }

    @Test
    void runOrSubmitRunsOnTheCallerWhenIdleAndQueuesBehindWorkInProgress() throws Exception {
        SerialExecutor ex = new SerialExecutor(pool, 100, counting(new AtomicInteger(), new AtomicInteger()));
        List<String> order = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        // idle: runs at once, on the calling thread
        assertThat(ex.runOrSubmit(() -> order.add("inline-1:" + (Thread.currentThread() == caller)))).isEqualTo(SerialExecutor.Handed.RAN);
        assertThat(order).containsExactly("inline-1:true");

        // a worker is busy with an earlier task: later ones queue behind it, in order, and none runs on the caller
        CountDownLatch release = occupyAWorker(ex, () -> order.add("worker"));
        for (int i = 2; i <= 4; i++) {
            int n = i;
            assertThat(ex.runOrSubmit(() -> order.add("queued-" + n + ":" + (Thread.currentThread() == caller)))).isEqualTo(SerialExecutor.Handed.QUEUED);
        }
        assertThat(order).containsExactly("inline-1:true");
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 5);
        assertThat(order).containsExactly("inline-1:true", "worker", "queued-2:false", "queued-3:false", "queued-4:false");

        // idle again: back to the caller
        assertThat(ex.runOrSubmit(() -> order.add("inline-5:" + (Thread.currentThread() == caller)))).isEqualTo(SerialExecutor.Handed.RAN);
        assertThat(order).last().isEqualTo("inline-5:true");
        assertThat(ex.size()).isZero();
    }

    @Test
    void runOrSubmitRefusesOnlyWhenItMustQueueAndTheQueueIsFull() throws Exception {
        SerialExecutor ex = new SerialExecutor(pool, 4, counting(new AtomicInteger(), new AtomicInteger()));
        CountDownLatch release = occupyAWorker(ex, () -> { });
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            if (ex.runOrSubmit(() -> { }) == SerialExecutor.Handed.QUEUED) {
                accepted++;
            }
        }
        assertThat(accepted).as("the running task counts until it ends: 3 more fit in a queue of 4").isEqualTo(3);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> ex.size() == 0);
        assertThat(ex.runOrSubmit(() -> { })).isEqualTo(SerialExecutor.Handed.RAN);
    }

    /** Submits a task that holds a worker until the returned latch is released, then runs {@code after}; returns once it runs. */
    private static CountDownLatch occupyAWorker(SerialExecutor ex, Runnable after) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ex.submitAlways(() -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            after.run();
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }
}
