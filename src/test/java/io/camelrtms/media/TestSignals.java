package io.camelrtms.media;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.ArrayList;
import java.util.List;

/** Known signals, an Opus encoder for test packets, and a signal-to-noise measure. */
public final class TestSignals {

    private TestSignals() {
    }

    /**
     * Two tones (440 Hz and 1 kHz, a fifth of full scale together) with a slow amplitude swell, so
     * the signal is neither silent nor trivially periodic. Interleaved when stereo (the right
     * channel is the left at a different phase).
     */
    public static short[] tones(int sampleRate, int channels, int frames) {
        short[] out = new short[frames * channels];
        for (int i = 0; i < frames; i++) {
            double t = (double) i / sampleRate;
            double env = 0.75 + 0.25 * Math.sin(2 * Math.PI * 0.5 * t);
            for (int c = 0; c < channels; c++) {
                double v = 0.12 * Math.sin(2 * Math.PI * 440 * t + c * 0.7) + 0.08 * Math.sin(2 * Math.PI * 1000 * t + c * 1.3);
                out[i * channels + c] = (short) Math.round(32767 * env * v);
            }
        }
        return out;
    }

    /** Encodes interleaved PCM into Opus packets of {@code frameMs} each (20 ms like Zoom). */
    public static List<byte[]> opusPackets(short[] pcm, int sampleRate, int channels, int frameMs) {
        try {
            OpusEncoder enc = new OpusEncoder(sampleRate, channels, OpusApplication.OPUS_APPLICATION_AUDIO);
            enc.setBitrate(channels * 64000);
            enc.setComplexity(10);
            int frame = sampleRate * frameMs / 1000;
            List<byte[]> packets = new ArrayList<>();
            byte[] buf = new byte[4000];
            for (int off = 0; off + frame * channels <= pcm.length; off += frame * channels) {
                int n = enc.encode(pcm, off, frame, buf, 0, buf.length);
                byte[] p = new byte[n];
                System.arraycopy(buf, 0, p, 0, n);
                packets.add(p);
            }
            return packets;
        } catch (OpusException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signal-to-noise ratio in dB of {@code decoded} against {@code reference}, after finding the
     * codec's delay (the lag, up to {@code maxLag} frames, where the two match best). Compares
     * {@code length} frames from {@code start} of the reference.
     */
    public static double snrDb(short[] reference, short[] decoded, int channels, int start, int length, int maxLag) {
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= maxLag; lag++) {
            double signal = 0;
            double noise = 0;
            for (int i = start * channels; i < (start + length) * channels; i++) {
                int j = i + lag * channels;
                if (j >= decoded.length) {
                    return best;
                }
                double r = reference[i];
                double d = r - decoded[j];
                signal += r * r;
                noise += d * d;
            }
            double snr = 10 * Math.log10(signal / Math.max(noise, 1e-9));
            best = Math.max(best, snr);
        }
        return best;
    }

    /** The codec delay found by {@link #snrDb}: the lag where decoded best matches the reference. */
    public static int bestLag(short[] reference, short[] decoded, int channels, int start, int length, int maxLag) {
        double best = Double.NEGATIVE_INFINITY;
        int bestLag = 0;
        for (int lag = 0; lag <= maxLag; lag++) {
            double noise = 0;
            for (int i = start * channels; i < (start + length) * channels && i + lag * channels < decoded.length; i++) {
                double d = (double) reference[i] - decoded[i + lag * channels];
                noise += d * d;
            }
            if (-noise > best) {
                best = -noise;
                bestLag = lag;
            }
        }
        return bestLag;
    }

    /**
     * SNR in dB of a whole recording against its reference: the codec delay is found (up to
     * {@code maxLag} frames) on a probe a little after the reference first carries signal (past a
     * codec's start-up transient), then the
     * two are compared over everything they share at that delay. Cheap enough for minutes of audio.
     */
    public static double wholeSnrDb(short[] reference, short[] decoded, int channels, int maxLag) {
        int first = 0;
        while (first < reference.length && reference[first] == 0) {
            first++;
        }
        int probeStart = first / channels + maxLag;
        int probeLength = Math.min(2 * maxLag, reference.length / channels - probeStart - maxLag);
        if (probeLength <= 0) {
            throw new IllegalArgumentException("the reference has no signal to align on");
        }
        int lag = bestLag(reference, decoded, channels, probeStart, probeLength, maxLag);
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < reference.length && i + lag * channels < decoded.length; i++) {
            double r = reference[i];
            double d = r - decoded[i + lag * channels];
            signal += r * r;
            noise += d * d;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }

    /** Normalized cross-correlation of two signals at lag 0, over their common length. */
    public static double ncc(short[] a, short[] b) {
        int n = Math.min(a.length, b.length);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
