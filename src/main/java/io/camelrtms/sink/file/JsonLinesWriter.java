package io.camelrtms.sink.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Appends JSON lines to a file. Each line is handed to the operating system in one write as it
 * arrives, so a reader (or a crash) sees every line written so far; text arrives a few times a
 * second at most, so there is nothing to gain from buffering.
 */
public final class JsonLinesWriter implements RecordingWriter {

    private final Path path;
    private final ObjectMapper mapper;
    private final FileChannel channel;
    private long lines;

    private JsonLinesWriter(Path path, ObjectMapper mapper, FileChannel channel) {
        this.path = path;
        this.mapper = mapper;
        this.channel = channel;
    }

    /** Opens a file for appending, creating it and its directory when missing. */
    public static JsonLinesWriter open(Path path, ObjectMapper mapper) throws IOException {
        FileChannel ch = RecordingFiles.appending(path);
        return new JsonLinesWriter(path, mapper, ch);
    }

    /** Writes one JSON value as a line. */
    public synchronized void append(JsonNode line) throws IOException {
        byte[] json = mapper.writeValueAsBytes(line);
        ByteBuffer b = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        while (b.hasRemaining()) {
            channel.write(b);
        }
        lines++;
    }

    public Path path() {
        return path;
    }

    /** Lines written through this writer. */
    public synchronized long lines() {
        return lines;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** The same as {@link #close}: every line is written as it comes, nothing is buffered. */
    @Override
    public synchronized void abandon() throws IOException {
        channel.close();
    }
}
