package io.camelrtms.sink.file;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes JPEG or PNG frames as files into one directory, named {@code <timestamp>-<sequence>.<ext>}
 * so they sort by time and never collide. Images arrive a few per second at most (Zoom allows 5 fps
 * for JPG and PNG), so each is written straight through.
 */
public final class ImageSequenceWriter {

    private final Path dir;
    private final String extension;
    private long frames;
    private long bytes;
    private long counter;

    public ImageSequenceWriter(Path dir, String extension) {
        this.dir = dir;
        this.extension = extension;
    }

    /**
     * @param timestamp Zoom's timestamp of the frame, epoch ms
     * @param sequence  the exchange sequence number, or a negative value to number frames locally
     */
    public synchronized Path write(byte[] image, long timestamp, long sequence) throws IOException {
        long seq = sequence >= 0 ? sequence : ++counter;
        Path file = dir.resolve(timestamp + "-" + seq + "." + extension);
        RecordingFiles.write(file, image);
        frames++;
        bytes += image.length;
        return file;
    }

    public Path dir() {
        return dir;
    }

    public String extension() {
        return extension;
    }

    public synchronized long frames() {
        return frames;
    }

    public synchronized long bytes() {
        return bytes;
    }
}
