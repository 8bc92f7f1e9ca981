package io.camelrtms.sink.s3;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A stream being recorded, as far as rolling uploads are concerned. Guarded by its own monitor. */
final class LiveStream {
    final String streamId;
    final Path dir;
    /** Per file (relative path): the bytes already uploaded as segments. */
    final Map<String, Long> offsets = new HashMap<>();
    /** Image frames (relative paths) already uploaded to their final key. */
    final Set<String> uploadedFrames = new HashSet<>();
    boolean ended;

    LiveStream(String streamId, Path dir) {
        this.streamId = streamId;
        this.dir = dir;
    }
}
