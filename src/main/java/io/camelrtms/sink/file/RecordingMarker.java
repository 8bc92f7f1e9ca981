package io.camelrtms.sink.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.sink.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code .recording} file: present while a stream is recorded, holding its {@link StreamInfo}.
 * A stream directory that still has one when the application starts was not finished.
 */
final class RecordingMarker {

    private RecordingMarker() {
    }

    static void write(ObjectMapper mapper, Path streamDir, StreamInfo info) throws IOException {
        AtomicFiles.write(streamDir.resolve(RecordingLayout.MARKER), mapper.writeValueAsBytes(info.toJson(mapper)));
    }

    static boolean exists(Path streamDir) {
        return Files.isRegularFile(streamDir.resolve(RecordingLayout.MARKER));
    }

    /**
     * What the marker (or, failing that, an earlier manifest) of a stream directory says, filled in
     * from {@code fallback}; {@code fallback} itself when neither can be read.
     */
    static StreamInfo read(ObjectMapper mapper, Path streamDir, StreamInfo fallback) {
        for (String name : new String[] {RecordingLayout.MARKER, RecordingLayout.MANIFEST}) {
            Path p = streamDir.resolve(name);
            if (Files.isRegularFile(p)) {
                try {
                    JsonNode n = mapper.readTree(p.toFile());
                    if (n != null && n.isObject()) {
                        return StreamInfo.fromJson(n, fallback);
                    }
                } catch (IOException unreadable) {
                    // try the next source
                }
            }
        }
        return fallback;
    }

    static void delete(Path streamDir) throws IOException {
        Files.deleteIfExists(streamDir.resolve(RecordingLayout.MARKER));
    }
}
