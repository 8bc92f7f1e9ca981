package io.camelrtms.sink.s3;

import io.camelrtms.sink.delivery.SinkDelivery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rolling uploads of a stream still being recorded: what each of its files gained since the last
 * pass goes up as a numbered segment under {@code <stream key>/segments/} (the final upload replaces
 * them), and each image frame, written once, goes to its final key at once.
 */
final class S3Segments {

    private final S3Keys keys;
    private final Set<String> types;

    /** @param types media types (lower case) whose files go to S3 */
    S3Segments(S3Keys keys, Set<String> types) {
        this.keys = keys;
        this.types = types;
    }

    /** One pass over a live stream's files; the caller holds the stream's monitor. */
    void upload(LiveStream stream, SinkDelivery d) throws IOException {
        String key = keys.streamKey(stream.dir);
        Map<Path, Path> newestFrame = new HashMap<>();
        List<Path> all = S3Keys.files(stream.dir);
        for (Path f : all) {
            if (S3Keys.isFrame(f)) {
                newestFrame.merge(f.getParent(), f, (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()) >= 0 ? a : b);
            }
        }
        for (Path file : all) {
            String rel = S3Keys.relative(stream.dir, file);
            String type = S3Keys.mediaTypeOf(rel);
            if (type == null || !types.contains(type)) {
                continue;
            }
            if (S3Keys.isFrame(file)) {
                // a frame is written once and never changes: it goes to its final key at once
                // (all but the newest of its directory, which may still be being written)
                if (!file.equals(newestFrame.get(file.getParent())) && stream.uploadedFrames.add(rel)) {
                    d.submitDurable(S3Requests.put(stream.streamId, key + "/" + rel, file, 0, -1, null));
                }
                continue;
            }
            long size = Files.size(file);
            long from = stream.offsets.getOrDefault(rel, 0L);
            if (size > from) {
                d.submitDurable(S3Requests.put(stream.streamId, S3Keys.segmentKey(key, rel, from), file, from, size - from, null));
                stream.offsets.put(rel, size);
            }
        }
    }
}
