package io.camelrtms.app;

import io.camelrtms.component.StreamStatus;
import io.camelrtms.sink.file.RecordingLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Lists the files recorded for a stream under the data directory, for the status API. */
public class StreamFiles {

    private final Path dataDir;

    public StreamFiles(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Each file's path relative to the stream directory and its size; empty when nothing was recorded. */
    public List<Map<String, Object>> list(StreamStatus stream) {
        Path dir = RecordingLayout.streamDir(dataDir, stream.product(), stream.entityId(), stream.streamId());
        List<Map<String, Object>> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).sorted().forEach(p -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("path", dir.relativize(p).toString().replace('\\', '/'));
                try {
                    f.put("bytes", Files.size(p));
                } catch (IOException e) {
                    f.put("bytes", -1L);
                }
                files.add(f);
            });
        } catch (IOException e) {
            files.add(Map.of("error", "cannot list " + dir.getFileName() + ": " + e.getMessage()));
        }
        return files;
    }
}
