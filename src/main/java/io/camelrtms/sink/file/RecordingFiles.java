package io.camelrtms.sink.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens and writes files inside a stream directory, creating the directories on the way. A revoked
 * stream of the same meeting may remove an emptied parent directory between the creation and the
 * open, so that one race is tried once more.
 */
final class RecordingFiles {

    private static final OpenOption[] APPEND = {StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND};

    private RecordingFiles() {
    }

    static FileChannel channel(Path path, OpenOption... options) throws IOException {
        try {
            Files.createDirectories(path.getParent());
            return FileChannel.open(path, options);
        } catch (NoSuchFileException e) {
            Files.createDirectories(path.getParent());
            return FileChannel.open(path, options);
        }
    }

    /** A channel appending to the file, which is created when missing. */
    static FileChannel appending(Path path) throws IOException {
        return channel(path, APPEND);
    }

    static void write(Path path, byte[] content) throws IOException {
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, content);
        } catch (NoSuchFileException e) {
            Files.createDirectories(path.getParent());
            Files.write(path, content);
        }
    }
}
