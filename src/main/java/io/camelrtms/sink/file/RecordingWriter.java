package io.camelrtms.sink.file;

import java.io.Closeable;
import java.io.IOException;

/** One open file of a stream's recording. */
interface RecordingWriter extends Closeable {

    /**
     * Closes the file without writing what is buffered or updating any header, as a crash would: for a
     * stream this node was fenced off, whose next owner may already have continued or finished the file.
     * Only the file handle is released; afterwards the writer writes nothing, not even on flush or close.
     */
    void abandon() throws IOException;

    /**
     * Hands buffered data to the operating system if it has waited longer than the writer's write
     * delay allows; for the writers that hold data under such a delay (audio), a no-op for the others.
     */
    default void drainIfDue(long nowNanos) throws IOException {
    }
}
