package io.camelrtms.sink;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Whole-file writes that a crash leaves either undone or complete, never half-written: the content
 * goes to a temporary sibling ({@code <name>.tmp}) that is then renamed over the target. A
 * {@code .tmp} file found later is what an interrupted write left; readers skip it.
 */
public final class AtomicFiles {

    /** The name suffix of a file being written. */
    public static final String TEMPORARY_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = temporaryFor(target);
        Files.write(tmp, content);
        move(tmp, target);
    }

    /** The temporary sibling a write of {@code target} goes through. */
    public static Path temporaryFor(Path target) {
        return target.resolveSibling(target.getFileName() + TEMPORARY_SUFFIX);
    }

    /** Whether a file is the temporary of a write (in progress, or interrupted by a crash). */
    public static boolean isTemporary(Path file) {
        return file.getFileName().toString().endsWith(TEMPORARY_SUFFIX);
    }

    /** Renames a file (a written temporary) over {@code target}, atomically where the file system can. */
    public static void move(Path from, Path target) throws IOException {
        try {
            Files.move(from, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
