package io.camelrtms.sink.file;

import java.time.Duration;

/**
 * How audio is kept on the meeting's timeline. Zoom sends nothing for a muted user, so a packet
 * whose timestamp lies further ahead than the audio written so far is preceded by silence.
 *
 * @param fillGaps  insert silence for timestamp gaps; when false, audio is written back to back
 * @param tolerance gaps up to this long are jitter, not silence, and are left alone
 * @param maxFill   the longest silence one gap is filled with (guards against a bogus timestamp
 *                  filling the disk); a longer gap is filled only this far and logged
 */
public record GapPolicy(boolean fillGaps, Duration tolerance, Duration maxFill) {

    public static final GapPolicy DEFAULT = new GapPolicy(true, Duration.ofMillis(10), Duration.ofHours(4));

    public GapPolicy {
        if (tolerance.isNegative() || maxFill.isNegative()) {
            throw new IllegalArgumentException("Gap tolerance and maximum fill must not be negative");
        }
    }
}
