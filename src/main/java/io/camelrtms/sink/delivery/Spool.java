package io.camelrtms.sink.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.sink.AtomicFiles;
import io.camelrtms.sink.SafeNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable queue of one sink: requests that could not be delivered wait here, one directory per
 * stream, and survive a restart. Within a stream they come back in the order they were added.
 * <pre>
 * &lt;data-dir&gt;/.spool/&lt;sink&gt;/pending/&lt;safe stream id&gt;/&lt;sequence&gt;.req    waiting, delivered in name order
 * &lt;data-dir&gt;/.spool/&lt;sink&gt;/rejected/&lt;safe stream id&gt;/&lt;sequence&gt;.req   refused by the receiver, kept for a person
 * </pre>
 * A {@code .req} file is the exact request: one line of JSON (stream, idempotency key, type,
 * headers, file slice) and then the raw body bytes. Each is written to a temporary file and renamed,
 * so a crash of the application leaves a request either whole or absent. It is not forced to disk
 * one by one (an outage of many streams would turn into thousands of syncs a second): an operating
 * system crash may lose the last ones written, and a file it left unreadable is set aside.
 *
 * <p>Written here rather than taken from a library: Camel's durable options (a JMS broker, Kafka,
 * a JDBC aggregation repository) would each bring a server or a database for what is a directory
 * of files ordered by name; the hot path only asks {@link #has(String)}, which is a map lookup.
 */
public final class Spool {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final String SUFFIX = ".req";
    private static final int FORMAT = 1;
    private static final long FIRST_SEQUENCE = 1_000_000_000_000L;

    private final Path pendingDir;
    private final Path rejectedDir;
    private final ObjectMapper mapper;
    private final Map<String, Deque<Path>> streams = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong size = new AtomicLong();

    /**
     * Opens the spool under {@code dir} (created when missing) and indexes what a previous run left.
     *
     * @param dir e.g. {@code <data-dir>/.spool/http}
     */
    public Spool(Path dir, ObjectMapper mapper) throws IOException {
        this.pendingDir = dir.resolve("pending");
        this.rejectedDir = dir.resolve("rejected");
        this.mapper = mapper;
        Files.createDirectories(pendingDir);
        load();
    }

    private void load() throws IOException {
        long max = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(pendingDir, Files::isDirectory)) {
            for (Path d : dirs) {
                List<Path> files = new ArrayList<>();
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
                    for (Path f : entries) {
                        String name = f.getFileName().toString();
                        if (name.endsWith(SUFFIX)) {
                            files.add(f);
                            max = Math.max(max, sequenceOf(name));
                        } else if (AtomicFiles.isTemporary(f)) {
                            Files.deleteIfExists(f); // an append a crash interrupted: it never returned
                        }
                    }
                }
                if (files.isEmpty()) {
                    deleteIfEmpty(d);
                    continue;
                }
                Collections.sort(files);
                streams.put(d.getFileName().toString(), new ConcurrentLinkedDeque<>(files));
                size.addAndGet(files.size());
            }
        }
        // numbering starts high so there is room in front for appendFirst
        sequence.set(Math.max(max, FIRST_SEQUENCE));
        if (size.get() > 0) {
            LOG.info("Spool {} holds {} requests of {} streams from an earlier run; they will be delivered first",
                    pendingDir.getParent(), size.get(), streams.size());
        }
    }

    /** The spool key of a stream id: its directory name. */
    public static String keyOf(String stream) {
        return SafeNames.of(stream);
    }

    /** Whether requests of this stream wait here. Cheap: no disk access. */
    public boolean has(String stream) {
        return hasKey(keyOf(stream));
    }

    /** {@link #has} by stream key. */
    public boolean hasKey(String streamKey) {
        Deque<Path> q = streams.get(streamKey);
        return q != null && !q.isEmpty();
    }

    /** Requests waiting, over all streams. */
    public long size() {
        return size.get();
    }

    /** Requests of one stream waiting. */
    public int size(String stream) {
        Deque<Path> q = streams.get(keyOf(stream));
        return q == null ? 0 : q.size();
    }

    /** Stream keys with waiting requests, oldest request first. */
    public List<String> streams() {
        List<Map.Entry<String, Path>> heads = new ArrayList<>();
        for (Map.Entry<String, Deque<Path>> e : streams.entrySet()) {
            Path head = e.getValue().peekFirst();
            if (head != null) {
                heads.add(Map.entry(e.getKey(), head.getFileName()));
            }
        }
        heads.sort(Map.Entry.comparingByValue());
        List<String> out = new ArrayList<>(heads.size());
        heads.forEach(h -> out.add(h.getKey()));
        return out;
    }

    /** Adds a request behind every waiting request of its stream, durably. */
    public synchronized void append(SinkRequest request) throws IOException {
        String key = keyOf(request.stream());
        Path dir = pendingDir.resolve(key);
        Files.createDirectories(dir);
        Path file = dir.resolve(String.format("%019d", sequence.incrementAndGet()) + SUFFIX);
        write(file, request);
        streams.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).addLast(file);
        size.incrementAndGet();
    }

    /**
     * Puts a request in front of every waiting request of its stream, durably: for the one request
     * that was being sent when the sink failed, which is older than anything spooled meanwhile.
     */
    public synchronized void appendFirst(SinkRequest request) throws IOException {
        String key = keyOf(request.stream());
        Deque<Path> q = streams.get(key);
        Path head = q == null ? null : q.peekFirst();
        long seq = head == null ? sequence.incrementAndGet() : sequenceOf(head.getFileName().toString()) - 1;
        if (seq < 1) {
            throw new IOException("no sequence number left in front of " + head);
        }
        Path dir = pendingDir.resolve(key);
        Files.createDirectories(dir);
        Path file = dir.resolve(String.format("%019d", seq) + SUFFIX);
        write(file, request);
        streams.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).addFirst(file);
        size.incrementAndGet();
    }

    /**
     * The oldest waiting request of a stream, or {@code null}. A file that cannot be read is moved to
     * {@code rejected/} (logged) and the next one is returned.
     */
    public Entry peek(String streamKey) {
        while (true) {
            Deque<Path> q = streams.get(streamKey);
            Path head = q == null ? null : q.peekFirst();
            if (head == null) {
                return null;
            }
            try {
                return new Entry(streamKey, head, read(head));
            } catch (IOException | RuntimeException e) {
                LOG.error("Spooled request {} cannot be read ({}); moving it to {}", head, e.getMessage(), rejectedDir);
                reject(new Entry(streamKey, head, null));
            }
        }
    }

    /** Removes a request that was delivered. */
    public synchronized void remove(Entry entry) throws IOException {
        Deque<Path> q = streams.get(entry.streamKey());
        if (q != null && q.remove(entry.file())) {
            size.decrementAndGet();
            Files.deleteIfExists(entry.file());
            cleanUp(entry.streamKey(), q);
        }
    }

    /** Moves a request the receiver refused to {@code rejected/}, out of the way of the ones behind it. */
    public synchronized void reject(Entry entry) {
        Deque<Path> q = streams.get(entry.streamKey());
        if (q != null && q.remove(entry.file())) {
            size.decrementAndGet();
            try {
                Path target = rejectedDir.resolve(entry.streamKey()).resolve(entry.file().getFileName());
                Files.createDirectories(target.getParent());
                AtomicFiles.move(entry.file(), target);
            } catch (IOException e) {
                LOG.error("Cannot move {} to {}: {}", entry.file(), rejectedDir, e.getMessage());
            }
            cleanUp(entry.streamKey(), q);
        }
    }

    /** Keeps a request that never reached the spool but was refused, for a person to look at. */
    public synchronized void keepRejected(SinkRequest request) throws IOException {
        Path dir = rejectedDir.resolve(keyOf(request.stream()));
        Files.createDirectories(dir);
        write(dir.resolve(String.format("%019d", sequence.incrementAndGet()) + SUFFIX), request);
    }

    /**
     * Drops every waiting request of a stream (its data was revoked).
     *
     * @return how many were dropped
     */
    public synchronized int discard(String stream) throws IOException {
        String key = keyOf(stream);
        Deque<Path> q = streams.remove(key);
        int n = 0;
        if (q != null) {
            for (Iterator<Path> it = q.iterator(); it.hasNext(); ) {
                Files.deleteIfExists(it.next());
                n++;
            }
            size.addAndGet(-n);
            deleteIfEmpty(pendingDir.resolve(key));
        }
        return n;
    }

    private void cleanUp(String key, Deque<Path> q) {
        if (q.isEmpty()) {
            streams.remove(key, q);
            deleteIfEmpty(pendingDir.resolve(key));
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException notEmptyOrGone) {
            // something was added meanwhile, or it is already gone
        }
    }

    private void write(Path file, SinkRequest r) throws IOException {
        ObjectNode meta = mapper.createObjectNode();
        meta.put("format", FORMAT);
        meta.put("stream", r.stream());
        meta.put("id", r.id());
        meta.put("type", r.type());
        ObjectNode headers = meta.putObject("headers");
        r.headers().forEach(headers::put);
        if (r.file() != null) {
            ObjectNode f = meta.putObject("file");
            f.put("path", r.file().path().toString());
            f.put("offset", r.file().offset());
            f.put("length", r.file().length());
        }
        meta.put("body", r.body() != null);
        byte[] line = mapper.writeValueAsBytes(meta);
        Path tmp = AtomicFiles.temporaryFor(file);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, ByteBuffer.wrap(line));
            writeFully(ch, ByteBuffer.wrap(new byte[] {'\n'}));
            if (r.body() != null) {
                writeFully(ch, ByteBuffer.wrap(r.body()));
            }
        }
        AtomicFiles.move(tmp, file);
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private SinkRequest read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int nl = 0;
        while (nl < all.length && all[nl] != '\n') {
            nl++;
        }
        if (nl == all.length) {
            throw new IOException("no header line");
        }
        JsonNode meta = mapper.readTree(new String(all, 0, nl, StandardCharsets.UTF_8));
        if (meta.path("format").asInt() != FORMAT) {
            throw new IOException("unknown spool format " + meta.path("format"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        meta.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        SinkRequest.FileSlice slice = null;
        JsonNode f = meta.get("file");
        if (f != null && f.isObject()) {
            slice = new SinkRequest.FileSlice(Path.of(f.path("path").asText()), f.path("offset").asLong(), f.path("length").asLong(-1));
        }
        byte[] body = null;
        if (meta.path("body").asBoolean()) {
            body = new byte[all.length - nl - 1];
            System.arraycopy(all, nl + 1, body, 0, body.length);
        }
        return new SinkRequest(meta.path("stream").asText(), meta.path("id").asText(), meta.path("type").asText(),
                headers, body, slice);
    }

    private static long sequenceOf(String name) {
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A waiting request and where it lies. */
    public record Entry(String streamKey, Path file, SinkRequest request) {
    }
}
