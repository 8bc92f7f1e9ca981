package io.camelrtms.sink.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads and writes that go on until the buffer is done, as FileChannel's single calls may not. */
final class FileChannels {

    private FileChannels() {
    }

    /**
     * Fills the buffer from its position on with the file's bytes from {@code start} plus that position.
     *
     * @throws IOException when the file ends first
     */
    static void readFully(FileChannel ch, ByteBuffer b, long start) throws IOException {
        long p = start + b.position();
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new IOException("the file ends before the structure it announces");
            }
            p += n;
        }
    }

    /** Writes the buffer's remaining bytes at {@code position}. */
    static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            p += ch.write(b, p);
        }
    }
}
