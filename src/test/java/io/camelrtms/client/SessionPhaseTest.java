package io.camelrtms.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionPhaseTest {

    @Test
    void terminalPhasesAreFinal() {
        for (SessionPhase next : SessionPhase.values()) {
            assertThat(SessionPhase.STOPPED.canMoveTo(next)).isFalse();
            assertThat(SessionPhase.FAILED.canMoveTo(next)).isFalse();
        }
    }

    @Test
    void everyLivePhaseCanEnd() {
        for (SessionPhase p : SessionPhase.values()) {
            if (!p.isTerminal()) {
                assertThat(p.canMoveTo(SessionPhase.STOPPED)).as(p.name()).isTrue();
                assertThat(p.canMoveTo(SessionPhase.FAILED)).as(p.name()).isTrue();
            }
        }
    }

    @Test
    void theHappyPathAndItsShortcutsAreAllowed() {
        assertThat(SessionPhase.IDLE.canMoveTo(SessionPhase.CONNECTING_SIGNALING)).isTrue();
        assertThat(SessionPhase.IDLE.canMoveTo(SessionPhase.STREAMING)).isFalse();
        assertThat(SessionPhase.SIGNALING_HANDSHAKE.canMoveTo(SessionPhase.CONNECTING_MEDIA)).isTrue();
        assertThat(SessionPhase.CONNECTING_MEDIA.canMoveTo(SessionPhase.STREAMING)).isTrue();
        assertThat(SessionPhase.STREAMING.canMoveTo(SessionPhase.CONNECTING_MEDIA)).isTrue();
        assertThat(SessionPhase.RECONNECT_WAIT.canMoveTo(SessionPhase.STREAMING)).isFalse();
        assertThat(SessionPhase.CLOSING.canMoveTo(SessionPhase.CONNECTING_SIGNALING)).isFalse();
    }

    @Test
    void backoffDoublesToItsCapAndResets() {
        Backoff b = new Backoff(3000, 30000);
        assertThat(new long[] {b.nextDelay(), b.nextDelay(), b.nextDelay(), b.nextDelay(), b.nextDelay(), b.nextDelay()})
                .containsExactly(3000, 6000, 12000, 24000, 30000, 30000);
        b.reset();
        assertThat(b.nextDelay()).isEqualTo(3000);
    }
}
