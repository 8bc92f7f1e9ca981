package io.camelrtms.simulator;

import java.util.List;

/**
 * The data messages of one media kind in one negotiated format, sorted by the timeline time at
 * which they are sent. Immutable and shared by every stream that plays the same script in the same
 * format, so hundreds of streams cost one encoding.
 */
final class Track {

    /**
     * A data message whose JSON is built up front except for its timestamps, which depend on the
     * stream's first-packet time {@code t0} and are filled in at send time.
     */
    abstract static class Message {
        final long sendAtMs;
        final int userId;

        Message(long sendAtMs, int userId) {
            this.sendAtMs = sendAtMs;
            this.userId = userId;
        }

        abstract String render(long t0);
    }

    /** A message whose only timestamp is its last field: {@code prefix + (t0 + offset) + "}}"}. */
    static final class Stamped extends Message {
        private final String prefix;
        private final long timestampOffsetMs;

        Stamped(long sendAtMs, int userId, String prefix, long timestampOffsetMs) {
            super(sendAtMs, userId);
            this.prefix = prefix;
            this.timestampOffsetMs = timestampOffsetMs;
        }

        @Override
        String render(long t0) {
            return prefix + (t0 + timestampOffsetMs) + "}}";
        }
    }

    /** A transcript message: timestamp, start_time and end_time all move with {@code t0}. */
    static final class Transcript extends Message {
        private final String prefix;
        private final long startMs;
        private final long endMs;
        private final int language;

        Transcript(int userId, String prefix, long startMs, long endMs, int language) {
            super(endMs, userId);
            this.prefix = prefix;
            this.startMs = startMs;
            this.endMs = endMs;
            this.language = language;
        }

        @Override
        String render(long t0) {
            return prefix + (t0 + endMs) + ",\"start_time\":" + (t0 + startMs) + ",\"end_time\":" + (t0 + endMs)
                    + ",\"language\":" + language + "}}";
        }
    }

    private final List<Message> messages;

    Track(List<Message> messages) {
        this.messages = List.copyOf(messages);
    }

    List<Message> messages() {
        return messages;
    }

    /** Index of the first message sent strictly after {@code timelineMs}. */
    int firstAfter(long timelineMs) {
        int lo = 0;
        int hi = messages.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (messages.get(mid).sendAtMs <= timelineMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
