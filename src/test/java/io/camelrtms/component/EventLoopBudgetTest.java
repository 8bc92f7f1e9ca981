package io.camelrtms.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopBudgetTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Plays runs of the given durations (ms) through one stream's window. */
    private static void play(EventLoopBudget.Window w, long... millis) {
        long t = 0;
        for (long m : millis) {
            w.ran(t, t + m * MS);
            t += m * MS + MS;
        }
    }

    private static long[] runs(int fast, long fastMs, int slow, long slowMs) {
        long[] r = new long[fast + slow];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < fast ? fastMs : slowMs;
        }
        return r;
    }

    @Test
    void occasionalSlowRunsDoNotGiveTheEventLoopUp() {
        EventLoopBudget budget = new EventLoopBudget("rtms:test", 10);
        EventLoopBudget.Window w = budget.window("s");
        // half of every window slow (pauses, a first file open, a busy machine): still not a blocking step
        for (int i = 0; i < 20; i++) {
            play(w, runs(EventLoopBudget.WINDOW / 2, 0, EventLoopBudget.WINDOW / 2, 500));
        }
        assertThat(budget.allows()).isTrue();
    }

    @Test
    void aWindowMostlyOverTheBudgetSendsTheConsumersMediaToTheWorkers() {
        EventLoopBudget budget = new EventLoopBudget("rtms:test", 10);
        EventLoopBudget.Window w = budget.window("s");
        EventLoopBudget.Window other = budget.window("other");
        play(w, runs(EventLoopBudget.WINDOW / 2 - 1, 0, EventLoopBudget.WINDOW / 2, 11));
        assertThat(budget.allows()).as("the window is not complete yet").isTrue();
        play(w, 11);
        assertThat(budget.allows()).isFalse();
        play(other, runs(EventLoopBudget.WINDOW * 3, 0, 0, 0));
        assertThat(budget.allows()).as("for every stream, for good").isFalse();
    }

    @Test
    void runsAtTheBudgetAreWithinIt() {
        EventLoopBudget budget = new EventLoopBudget("rtms:test", 10);
        play(budget.window("s"), runs(0, 0, EventLoopBudget.WINDOW * 2, 10));
        assertThat(budget.allows()).isTrue();
    }

    @Test
    void aBudgetOfZeroNeverFallsBack() {
        EventLoopBudget budget = new EventLoopBudget("rtms:test", 0);
        play(budget.window("s"), runs(0, 0, EventLoopBudget.WINDOW * 2, 5000));
        assertThat(budget.allows()).isTrue();
    }
}
