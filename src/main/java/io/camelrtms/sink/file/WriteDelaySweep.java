package io.camelrtms.sink.file;

import java.util.Arrays;

/**
 * The recordings whose audio files hold PCM under a write delay, for the recorder's scheduler to sweep
 * every delay (100 times a second at the default 10 ms). Kept as an array replaced on the rare change
 * (a stream's first audio file, a stream closing) so that the sweep is a walk over references: walking
 * the recorder's and every recording's concurrent maps instead cost 7 % of the bundle's Java samples at
 * 400 streams (BENCHMARKS.md).
 */
final class WriteDelaySweep {

    private static final StreamRecording[] NONE = new StreamRecording[0];

    private volatile StreamRecording[] recordings = NONE;

    /** The recordings to sweep now; never modified. */
    StreamRecording[] recordings() {
        return recordings;
    }

    synchronized void add(StreamRecording recording) {
        StreamRecording[] now = recordings;
        for (StreamRecording r : now) {
            if (r == recording) {
                return;
            }
        }
        StreamRecording[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = recording;
        recordings = next;
    }

    synchronized void remove(StreamRecording recording) {
        StreamRecording[] now = recordings;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == recording) {
                StreamRecording[] next = new StreamRecording[now.length - 1];
                System.arraycopy(now, 0, next, 0, i);
                System.arraycopy(now, i + 1, next, i, now.length - i - 1);
                recordings = next;
                return;
            }
        }
    }
}
