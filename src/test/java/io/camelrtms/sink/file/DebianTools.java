package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent readers the format tests check our files with: sox, ffprobe and opusdec from
 * Debian (.ci/run installs them). A test needing one is skipped, saying which package to install,
 * only when the tool is absent.
 */
public final class DebianTools {

    private DebianTools() {
    }

    /** Skips the calling test unless {@code tool} is on the PATH. */
    public static void require(String tool, String debianPackage) {
        assumeTrue(onPath(tool), tool + " is not installed: apt-get install -y " + debianPackage + " (.ci/run does)");
    }

    /** Runs a command to completion (at most two minutes) and returns its standard output; fails on a non-zero exit. */
    public static String run(Path workDir, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tool", ".out");
        Path err = Files.createTempFile("tool", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean done = p.waitFor(2, TimeUnit.MINUTES);
            if (!done) {
                p.destroyForcibly();
            }
            assertThat(done).as("%s finished", command[0]).isTrue();
            assertThat(p.exitValue()).as("%s exit status; stderr: %s", List.of(command),
                    Files.readString(err, StandardCharsets.UTF_8)).isZero();
            return Files.readString(out, StandardCharsets.UTF_8).trim();
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** ffprobe's value of one entry ({@code stream=nb_read_frames}, {@code format=duration}…) for the first stream. */
    public static String ffprobe(Path workDir, Path file, String entry, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-select_streams", "0", "-show_entries", entry, "-of", "default=noprint_wrappers=1:nokey=1",
                file.toAbsolutePath().toString()));
        return run(workDir, cmd.toArray(String[]::new)).lines().findFirst().orElse("");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
