package io.camelrtms.simulator;

import io.camelrtms.protocol.MediaKind;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Per media kind, what one connection was written since its client was last heard from: how many data
 * messages and when the first and last were due. Counters only, as it is updated with every message
 * sent. Confined to the stream's context.
 */
final class WrittenSinceHeard {

    private static final MediaKind[] KINDS = MediaKind.values();

    private final int[] count = new int[KINDS.length];
    private final long[] firstAtMs = new long[KINDS.length];
    private final long[] lastAtMs = new long[KINDS.length];

    /** A data message due at timeline time {@code atMs} was written. */
    void written(MediaKind kind, long atMs) {
        int k = kind.ordinal();
        if (count[k]++ == 0) {
            firstAtMs[k] = atMs;
        }
        lastAtMs[k] = atMs;
    }

    /** The client said something: it was running, and had read what it was sent before. */
    void heard() {
        Arrays.fill(count, 0);
    }

    /**
     * Hands on what the client may never have read, one entry per kind written since it was last heard
     * from, and starts counting afresh: a connection whose loss is noticed twice (its own abrupt end, then
     * its client's) reports each message once.
     */
    void report(long connection, Consumer<PossiblyUnread> to) {
        for (MediaKind kind : KINDS) {
            int k = kind.ordinal();
            if (count[k] > 0) {
                to.accept(new PossiblyUnread(kind, connection, count[k], firstAtMs[k], lastAtMs[k]));
            }
        }
        Arrays.fill(count, 0);
    }
}
