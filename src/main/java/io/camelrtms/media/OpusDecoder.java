package io.camelrtms.media;

import io.camelrtms.protocol.Codec;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Opus via Concentus (a pure-Java port of libopus). One instance per audio source: the decoder
 * carries state from packet to packet and is not thread-safe.
 */
public final class OpusDecoder implements AudioDecoder {

    /** Opus decodes to these rates only. */
    private static final int[] OPUS_RATES = {8000, 12000, 16000, 24000, 48000};
    /** The longest Opus packet is 120 ms; at 48 kHz that is 5760 frames. */
    private static final int MAX_PACKET_MS = 120;

    private final PcmFormat format;
    private final io.github.jaredmdobson.concentus.OpusDecoder decoder;
    private final short[] out;
    private final int maxFrames;

    /**
     * @param format the PCM wanted; a rate Opus cannot decode to (e.g. 32 kHz) is replaced by 48 kHz,
     *               see {@link #outputFormat()}
     */
    public OpusDecoder(PcmFormat format) {
        this.format = new PcmFormat(opusRate(format.sampleRate()), format.channels());
        try {
            this.decoder = new io.github.jaredmdobson.concentus.OpusDecoder(this.format.sampleRate(), this.format.channels());
        } catch (OpusException e) {
            throw new IllegalArgumentException("Cannot create an Opus decoder for " + this.format + ": " + e.getMessage(), e);
        }
        this.maxFrames = this.format.sampleRate() * MAX_PACKET_MS / 1000;
        this.out = new short[maxFrames * this.format.channels()];
    }

    /** The rate Opus will decode to when {@code requested} is asked for. */
    public static int opusRate(int requested) {
        for (int rate : OPUS_RATES) {
            if (rate == requested) {
                return rate;
            }
        }
        return 48000;
    }

    @Override
    public Codec codec() {
        return Codec.OPUS;
    }

    @Override
    public PcmFormat outputFormat() {
        return format;
    }

    @Override
    public byte[] decode(byte[] payload) {
        if (payload.length == 0) {
            throw new AudioDecodeException("empty Opus packet");
        }
        int frames;
        try {
            frames = decoder.decode(payload, 0, payload.length, out, 0, maxFrames, false);
        } catch (OpusException | RuntimeException e) {
            // Concentus reports some corrupt packets as index errors rather than OpusException.
            throw new AudioDecodeException("corrupt Opus packet of " + payload.length + " bytes: " + e.getMessage(), e);
        }
        if (frames <= 0) {
            throw new AudioDecodeException("Opus packet of " + payload.length + " bytes decoded to no audio");
        }
        return Pcm.toBytes(out, 0, frames * format.channels());
    }

    /** 2.5 ms, the unit every Opus frame size is a multiple of. */
    @Override
    public int concealmentGranularity() {
        return format.sampleRate() / 400;
    }

    /** The most frames one {@link #conceal(int)} call produces (120 ms). */
    public int maxConcealmentFrames() {
        return maxFrames;
    }

    @Override
    public byte[] conceal(int frames) {
        int unit = concealmentGranularity();
        if (frames <= 0 || frames % unit != 0 || frames > maxFrames) {
            throw new IllegalArgumentException("Opus concealment needs a multiple of " + unit + " frames up to "
                    + maxFrames + ", not " + frames);
        }
        int produced;
        try {
            produced = decoder.decode(null, 0, 0, out, 0, frames, false);
        } catch (OpusException | RuntimeException e) {
            throw new AudioDecodeException("Opus packet-loss concealment failed: " + e.getMessage(), e);
        }
        if (produced != frames) {
            // Never hand on a different length than asked: the timeline depends on it.
            byte[] exact = new byte[frames * format.bytesPerFrame()];
            byte[] got = Pcm.toBytes(out, 0, Math.max(0, Math.min(produced, frames)) * format.channels());
            System.arraycopy(got, 0, exact, 0, got.length);
            return exact;
        }
        return Pcm.toBytes(out, 0, frames * format.channels());
    }
}
