package io.camelrtms.simulator;

/**
 * Synthesises the speakers' voices: a tone sequence per speaker, stepping through four notes every
 * 200 ms with a gentle syllable-rate tremolo and 10 ms fades at the edges of each talk segment.
 * Tones are cheap, deterministic and easy to check by SNR; the 1–2.6 kHz range keeps Opus in VOIP
 * mode close to the waveform (its voice high-pass filter shifts the phase of low tones) and every
 * note below the 4 kHz Nyquist limit of 8 kHz audio.
 */
final class ToneSynth {

    private static final double[] NOTES = {1.0, 1.125, 1.25, 1.5};
    private static final double NOTE_MS = 200;
    private static final double AMPLITUDE = 0.18;
    private static final double FADE_MS = 10;
    private static final double RIGHT_GAIN = 0.7;

    private ToneSynth() {
    }

    static short[] render(MeetingScript script, int userId, int sampleRate, int channels) {
        int frames = (int) (script.durationMillis() * sampleRate / 1000);
        double[] mono = new double[frames];
        for (MeetingScript.Speaker s : script.speakers()) {
            if (userId == 0 || s.userId() == userId) {
                addSpeaker(mono, s, sampleRate);
            }
        }
        short[] pcm = new short[frames * channels];
        for (int i = 0; i < frames; i++) {
            pcm[i * channels] = toShort(mono[i]);
            if (channels == 2) {
                pcm[i * channels + 1] = toShort(mono[i] * RIGHT_GAIN);
            }
        }
        return pcm;
    }

    private static void addSpeaker(double[] out, MeetingScript.Speaker s, int sampleRate) {
        for (MeetingScript.Segment seg : s.talks()) {
            int from = (int) (seg.startMs() * sampleRate / 1000);
            int to = (int) Math.min(out.length, seg.endMs() * sampleRate / 1000);
            double phase = 0;
            double fadeSamples = FADE_MS * sampleRate / 1000;
            for (int i = from; i < to; i++) {
                double tMs = i * 1000.0 / sampleRate;
                double freq = s.toneHz() * NOTES[(int) (tMs / NOTE_MS) % NOTES.length];
                double tremolo = 0.85 + 0.15 * Math.sin(2 * Math.PI * 3.0 * tMs / 1000);
                double fade = Math.min(1.0, Math.min((i - from + 0.5) / fadeSamples, (to - i - 0.5) / fadeSamples));
                double gain = fade >= 1.0 ? 1.0 : 0.5 - 0.5 * Math.cos(Math.PI * Math.max(0, fade));
                out[i] += AMPLITUDE * tremolo * gain * Math.sin(phase);
                phase += 2 * Math.PI * freq / sampleRate;
                if (phase > 2 * Math.PI) {
                    phase -= 2 * Math.PI;
                }
            }
        }
    }

    private static short toShort(double v) {
        long s = Math.round(v * 32767);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
    }
}
