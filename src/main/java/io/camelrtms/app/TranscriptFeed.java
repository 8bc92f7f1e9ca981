package io.camelrtms.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.sink.SinkDocuments;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Live transcript lines per stream, for whoever watches (the status API's server-sent events).
 * A YAML route calls {@link #publish(Exchange)} for TRANSCRIPT exchanges and {@link #end(Exchange)}
 * on a stream's last lifecycle exchange. Keeps the last lines of each open stream so a watcher who
 * joins late sees some context first.
 */
public final class TranscriptFeed {

    /** Lines kept per open stream for late watchers. */
    public static final int REPLAY_LINES = 50;

    /** A watcher's hold on a stream's feed. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();

    private record Watcher(Consumer<String> onLine, Runnable onEnd) {
    }

    /** One stream's recent lines and watchers, guarded by itself so a new watcher neither misses nor repeats a line. */
    private static final class Feed {
        final Deque<String> recent = new ArrayDeque<>();
        final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Publishes one TRANSCRIPT exchange as a JSON line: the same document the http and live sinks send. */
    public void publish(Exchange exchange) {
        Message in = exchange.getIn();
        String streamId = in.getHeader(RtmsConstants.STREAM_ID, String.class);
        if (streamId == null) {
            return;
        }
        String json = SinkDocuments.of(JSON, in, "TRANSCRIPT", streamId, null).toString();
        Feed feed = feeds.computeIfAbsent(streamId, k -> new Feed());
        List<Watcher> targets;
        synchronized (feed) {
            feed.recent.addLast(json);
            if (feed.recent.size() > REPLAY_LINES) {
                feed.recent.removeFirst();
            }
            targets = List.copyOf(feed.watchers);
        }
        targets.forEach(w -> w.onLine().accept(json));
    }

    /** The stream ended: tells its watchers and forgets it. */
    public void end(Exchange exchange) {
        String streamId = exchange.getIn().getHeader(RtmsConstants.STREAM_ID, String.class);
        if (streamId == null) {
            return;
        }
        Feed feed = feeds.remove(streamId);
        if (feed != null) {
            feed.watchers.forEach(w -> w.onEnd().run());
        }
    }

    /**
     * Watches a stream: {@code onLine} first gets the recent lines, then each new one, on the thread
     * that publishes it (keep it quick); {@code onEnd} runs when the stream ends.
     */
    public Subscription watch(String streamId, Consumer<String> onLine, Runnable onEnd) {
        Watcher w = new Watcher(onLine, onEnd);
        Feed feed = feeds.computeIfAbsent(streamId, k -> new Feed());
        synchronized (feed) {
            feed.recent.forEach(onLine);
            feed.watchers.add(w);
        }
        return () -> feed.watchers.remove(w);
    }

    /** How many watchers a stream has. */
    public int watchers(String streamId) {
        Feed feed = feeds.get(streamId);
        return feed == null ? 0 : feed.watchers.size();
    }
}
