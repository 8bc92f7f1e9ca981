package io.camelrtms.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeWindowIdempotentRepositoryTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final TimeWindowIdempotentRepository repo =
            new TimeWindowIdempotentRepository(Duration.ofMinutes(10), 3, clock);

    @Test
    void aKeyIsADuplicateUntilTheWindowHasPassed() {
        assertThat(repo.add("a")).isTrue();
        assertThat(repo.add("a")).isFalse();
        assertThat(repo.contains("a")).isTrue();

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(repo.add("a")).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(repo.contains("a")).isFalse();
        assertThat(repo.add("a")).isTrue();
    }

    @Test
    void onlyExpiredKeysAreForgotten() {
        repo.add("old");
        clock.advance(Duration.ofMinutes(6));
        repo.add("young");
        clock.advance(Duration.ofMinutes(5));

        assertThat(repo.contains("old")).isFalse();
        assertThat(repo.contains("young")).isTrue();
        assertThat(repo.size()).isEqualTo(1);
    }

    @Test
    void theOldestKeysMakeRoomWhenFull() {
        repo.add("1");
        repo.add("2");
        repo.add("3");
        repo.add("4");

        assertThat(repo.size()).isEqualTo(3);
        assertThat(repo.contains("1")).isFalse();
        assertThat(repo.contains("4")).isTrue();
    }

    @Test
    void removedKeysCanBeAddedAgain() {
        repo.add("k");
        assertThat(repo.remove("k")).isTrue();
        assertThat(repo.remove("k")).isFalse();
        assertThat(repo.add("k")).isTrue();
        assertThat(repo.confirm("k")).isTrue();

        repo.clear();
        assertThat(repo.size()).isZero();
    }

    @Test
    void nonsensicalSettingsAreRejected() {
        assertThatThrownBy(() -> new TimeWindowIdempotentRepository(Duration.ZERO, 1, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeWindowIdempotentRepository(Duration.ofMinutes(1), 0, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
