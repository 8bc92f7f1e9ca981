package io.camelrtms.component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.Product;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small durable list of the streams a bundle is receiving, so a restarted bundle can rejoin the
 * ones whose stop has not arrived while Zoom still waits for them (about a minute).
 *
 * <p>Changes are written by {@link #flush()}, which the component calls every couple of seconds
 * and on stop, instead of on every change: a ramp of hundreds of streams would otherwise rewrite
 * the file hundreds of times. The file is replaced atomically, so a crash leaves the previous copy.
 */
public final class StreamRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stream as the registry keeps it. */
    public record Entry(String channel, String product, String entityKey, String entityId, String streamId,
                        String signalingUrl, long startedEventTs) {

        static Entry of(String channel, ControlMessage started, String url) {
            return new Entry(channel, started.product().id(), started.entityKey(), started.entityId(), started.streamId(),
                    url, started.eventTs());
        }

        /** The start control message this entry stands for. */
        public ControlMessage toControlMessage() {
            Product p = Product.parse(product);
            return new ControlMessage(ControlMessage.Kind.STARTED, p.eventPrefix() + "started", p, entityKey, entityId,
                    streamId, List.of(signalingUrl), null, startedEventTs, Map.of());
        }
    }

    /** The file's content: when it was last written and what was active then. */
    public record Snapshot(long savedAt, List<Entry> streams) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private boolean dirty;

    public StreamRegistry(Path file) {
        this.file = file;
    }

    /** Reads what a previous run left; an unreadable file is reported and treated as empty. */
    public Snapshot load() {
        if (!Files.exists(file)) {
            return new Snapshot(0, List.of());
        }
        try {
            Snapshot s = JSON.readValue(file.toFile(), new TypeReference<Snapshot>() { });
            synchronized (this) {
                s.streams().forEach(e -> entries.putIfAbsent(e.streamId(), e));
            }
            return s;
        } catch (IOException e) {
            LOG.warn("Stream registry {} is unreadable ({}); no stream will be resumed", file, e.getMessage());
            return new Snapshot(0, List.of());
        }
    }

    /**
     * The stream ids a restarted component will try to rejoin: those of a registry written less
     * than {@code windowMillis} ago. Read-only; for other start-up work (recording recovery).
     */
    public static Set<String> resumableIds(Path file, long windowMillis) {
        Snapshot s = new StreamRegistry(file).load();
        if (System.currentTimeMillis() - s.savedAt() > windowMillis) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        s.streams().forEach(e -> ids.add(e.streamId()));
        return ids;
    }

    public synchronized void put(Entry e) {
        entries.put(e.streamId(), e);
        dirty = true;
    }

    public synchronized void remove(String streamId) {
        if (entries.remove(streamId) != null) {
            dirty = true;
        }
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    /**
     * Writes the registry when it changed, or when it holds streams (the write time tells a restarted
     * bundle whether Zoom still waits for them).
     */
    public void flush() {
        Snapshot s;
        synchronized (this) {
            if (!dirty && entries.isEmpty()) {
                return;
            }
            s = new Snapshot(System.currentTimeMillis(), new ArrayList<>(entries.values()));
            dirty = false;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), s);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            synchronized (this) {
                dirty = true;
            }
            LOG.warn("Could not write the stream registry {}: {}", file, e.getMessage());
        }
    }
}
