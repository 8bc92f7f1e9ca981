package io.camelrtms.simulator;

import io.camelrtms.protocol.Codec;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Encodes one audio source (a speaker or the mix) frame by frame in the negotiated codec: L16 as
 * signed 16-bit little-endian PCM (interleaved when stereo), Opus with Concentus in VOIP mode, or
 * G.711 A-law through the JDK's own codec. One instance per source: the Opus encoder keeps state
 * across frames, exactly as a decoder that receives the same packets in order expects.
 */
abstract class AudioFrameEncoder {

    /** Opus bitrate per channel; high enough that tones survive as waveforms (tests check SNR). */
    static final int OPUS_BITRATE_PER_CHANNEL = 64_000;

    protected final short[] pcm;
    protected final int channels;

    private AudioFrameEncoder(short[] pcm, int channels) {
        this.pcm = pcm;
        this.channels = channels;
    }

    /** Encodes {@code frames} samples per channel starting at sample frame {@code firstFrame}. */
    abstract byte[] encode(int firstFrame, int frames);

    static AudioFrameEncoder create(Codec codec, short[] pcm, int sampleRate, int channels) {
        return switch (codec) {
            case L16 -> new L16(pcm, channels);
            case OPUS -> new Opus(pcm, sampleRate, channels);
            case G711 -> new ALaw(pcm, sampleRate, channels);
            default -> throw new IllegalArgumentException("the simulator cannot encode " + codec + " audio");
        };
    }

    private static final class L16 extends AudioFrameEncoder {
        L16(short[] pcm, int channels) {
            super(pcm, channels);
        }

        @Override
        byte[] encode(int firstFrame, int frames) {
            byte[] out = new byte[frames * channels * 2];
            int src = firstFrame * channels;
            for (int i = 0; i < frames * channels; i++) {
                short s = pcm[src + i];
                out[2 * i] = (byte) s;
                out[2 * i + 1] = (byte) (s >> 8);
            }
            return out;
        }
    }

    private static final class Opus extends AudioFrameEncoder {
        private final OpusEncoder encoder;
        private final byte[] buffer = new byte[4000];

        Opus(short[] pcm, int sampleRate, int channels) {
            super(pcm, channels);
            try {
                encoder = new OpusEncoder(sampleRate, channels, OpusApplication.OPUS_APPLICATION_VOIP);
            } catch (OpusException e) {
                throw new IllegalArgumentException("Opus encoder refused " + sampleRate + " Hz x " + channels, e);
            }
            encoder.setBitrate(OPUS_BITRATE_PER_CHANNEL * channels);
            encoder.setComplexity(5);
        }

        @Override
        byte[] encode(int firstFrame, int frames) {
            try {
                int len = encoder.encode(pcm, firstFrame * channels, frames, buffer, 0, buffer.length);
                byte[] out = new byte[len];
                System.arraycopy(buffer, 0, out, 0, len);
                return out;
            } catch (OpusException e) {
                throw new IllegalStateException("Opus encoding failed", e);
            }
        }
    }

    private static final class ALaw extends AudioFrameEncoder {
        private final byte[] encoded;

        ALaw(short[] pcm, int sampleRate, int channels) {
            super(pcm, channels);
            // A-law is memoryless, so the whole source is converted once and sliced per frame.
            byte[] le = new L16(pcm, channels).encode(0, pcm.length / channels);
            AudioFormat source = new AudioFormat(sampleRate, 16, channels, true, false);
            AudioFormat target = new AudioFormat(AudioFormat.Encoding.ALAW, sampleRate, 8, channels, channels, sampleRate, false);
            try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(le), source, pcm.length / channels);
                 AudioInputStream alaw = AudioSystem.getAudioInputStream(target, in)) {
                encoded = alaw.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        byte[] encode(int firstFrame, int frames) {
            byte[] out = new byte[frames * channels];
            System.arraycopy(encoded, firstFrame * channels, out, 0, out.length);
            return out;
        }
    }
}
