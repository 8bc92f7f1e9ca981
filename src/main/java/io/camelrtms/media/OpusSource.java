package io.camelrtms.media;


/**
 * One speaker's Opus decoder with the timing of its last packet, so a timestamp gap can be told
 * apart from jitter and concealed. Used by one stream thread at a time.
 */
final class OpusSource {

    /**
     * @param pcm             s16le: the concealment (if any) followed by the packet's audio
     * @param concealedFrames frames of concealment at the start of {@code pcm}
     */
    record Decoded(byte[] pcm, int concealedFrames) {
    }

    private final OpusDecoder decoder;
    private long lastTimestamp = -1;
    private long lastFrames;

    OpusSource(OpusDecoder decoder) {
        this.decoder = decoder;
    }

    PcmFormat format() {
        return decoder.outputFormat();
    }

    /**
     * Decodes a packet, first concealing a gap since the previous packet when it is longer than
     * {@code toleranceMs} and at most {@code maxConcealMs}. Concealment is a multiple of 2.5 ms
     * (what Opus can synthesise), rounded down, so it never pushes the packet past its timestamp.
     */
    Decoded decode(byte[] packet, Long timestamp, long toleranceMs, long maxConcealMs) {
        PcmFormat f = decoder.outputFormat();
        byte[] concealment = null;
        int concealed = 0;
        if (timestamp != null && lastTimestamp >= 0 && maxConcealMs > 0) {
            long gap = f.framesAt(timestamp - lastTimestamp) - lastFrames;
            if (gap >= Math.max(1, f.framesAt(toleranceMs)) && gap <= f.framesAt(maxConcealMs)) {
                int unit = decoder.concealmentGranularity();
                int frames = (int) (gap - gap % unit);
                if (frames > 0) {
                    concealment = conceal(frames);
                    concealed = frames;
                }
            }
        }
        byte[] audio = decoder.decode(packet);
        if (timestamp != null) {
            lastTimestamp = timestamp;
            lastFrames = audio.length / f.bytesPerFrame();
        }
        if (concealment == null) {
            return new Decoded(audio, 0);
        }
        byte[] out = new byte[concealment.length + audio.length];
        System.arraycopy(concealment, 0, out, 0, concealment.length);
        System.arraycopy(audio, 0, out, concealment.length, audio.length);
        return new Decoded(out, concealed);
    }

    private byte[] conceal(int frames) {
        int max = decoder.maxConcealmentFrames();
        int unit = decoder.concealmentGranularity();
        max -= max % unit;
        byte[] out = new byte[frames * decoder.outputFormat().bytesPerFrame()];
        int done = 0;
        while (done < frames) {
            int n = Math.min(max, frames - done);
            byte[] part = decoder.conceal(n);
            System.arraycopy(part, 0, out, done * decoder.outputFormat().bytesPerFrame(), part.length);
            done += n;
        }
        return out;
    }
}
