package io.camelrtms.sink.file;

import java.io.Flushable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Appends H.264 Annex-B chunks to one {@code .h264} file, through a buffer emptied by
 * {@link #flush()} (on the recorder's schedule) and on close. An Annex-B stream needs no header,
 * so whatever reached the file before a crash is playable as it is.
 */
public final class AnnexBWriter implements RecordingWriter, Flushable {

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long chunks;
    private long bytes;
    private boolean closed;

    private AnnexBWriter(Path path, FileChannel channel, int bufferBytes) {
        this.path = path;
        this.channel = channel;
        this.buffer = ByteBuffer.allocate(Math.max(1024, bufferBytes));
    }

    /** Opens for appending (a stream that resumes after a restart continues its file). */
    public static AnnexBWriter open(Path path, int bufferBytes) throws IOException {
        FileChannel ch = RecordingFiles.appending(path);
        AnnexBWriter w = new AnnexBWriter(path, ch, bufferBytes);
        w.bytes = ch.size();
        return w;
    }

    public synchronized void write(byte[] chunk) throws IOException {
        if (closed) {
            throw new IOException(path.getFileName() + " is closed");
        }
        if (chunk.length > buffer.remaining()) {
            drain();
        }
        if (chunk.length >= buffer.capacity()) {
            ByteBuffer b = ByteBuffer.wrap(chunk);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } else {
            buffer.put(chunk);
        }
        chunks++;
        bytes += chunk.length;
    }

    @Override
    public synchronized void flush() throws IOException {
        if (!closed) {
            drain();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            drain();
        } finally {
            closed = true;
            channel.close();
        }
    }

    @Override
    public synchronized void abandon() throws IOException {
        closed = true;
        channel.close();
    }

    public Path path() {
        return path;
    }

    /** Chunks written through this writer. */
    public synchronized long chunks() {
        return chunks;
    }

    /** Size of the file once flushed. */
    public synchronized long bytes() {
        return bytes;
    }

    private void drain() throws IOException {
        if (buffer.position() > 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }
    }
}
