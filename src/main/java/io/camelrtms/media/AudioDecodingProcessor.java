package io.camelrtms.media;

import io.camelrtms.component.RtmsConstants;
import io.camelrtms.component.StreamEnded;
import io.camelrtms.protocol.Codec;
import io.camelrtms.sink.file.OpusRecording;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decode step of the media route: turns an AUDIO exchange's payload into s16le PCM so every sink
 * receives the same thing. Afterwards {@code RtmsAudioCodec} is {@code L16},
 * {@code RtmsAudioSourceCodec} names the codec Zoom sent, and {@code RtmsAudioSampleRate} /
 * {@code RtmsAudioChannels} describe the PCM.
 *
 * <p>Opus needs one stateful decoder per stream and speaker, fed in order; a short timestamp gap
 * (a lost packet) is concealed with the decoder's packet-loss concealment, which is prepended to
 * the next packet's PCM and announced in {@code RtmsAudioConcealedFrames}. Longer gaps are left to
 * the sink (the WAV writer fills them with silence). A packet that cannot be decoded (corrupt, or in
 * an unsupported codec) is logged, counted and dropped: routing stops for that exchange, the stream
 * goes on. {@link #release(Exchange)} frees a stream's decoders on LIFECYCLE STOPPED or FAILED and
 * puts the stream's error count in {@code RtmsAudioDecodeErrors}.
 *
 * <p>With {@code rtms.recording.opus: keep} (or header {@code RtmsAudioKeepOpus} on an exchange) Opus
 * packets pass undecoded, as Zoom sent them; with {@code both} they are decoded and the packet is kept
 * in the exchange property {@code RtmsAudioOpusPacket} for the file sink's Ogg Opus.
 */
public class AudioDecodingProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(AudioDecodingProcessor.class);

    private final Duration gapTolerance;
    private final Duration maxConcealment;
    private final OpusRecording opusRecording;
    private final Map<String, StreamDecoding> streams = new ConcurrentHashMap<>();

    private final LongAdder totalErrors = new LongAdder();
    /** Opus packets decoded and the time spent in the decoder, for metrics (what a packet costs in place). */
    private final LongAdder opusDecoded = new LongAdder();
    private final LongAdder opusDecodeNanos = new LongAdder();
    /**
     * The same decodes in the decoding thread's CPU time. The wall clock above also counts the time
     * the thread waited for a CPU (descheduled mid-decode on a busy machine); CPU time is what the
     * decode itself costs, the figure to hold against Concentus alone. Each read is one
     * clock_gettime call, about 0.5% of a 100 µs decode, so only Opus pays for it.
     */
    private final LongAdder opusDecodeCpuNanos = new LongAdder();
    /** Null where the JVM cannot measure thread CPU time: the CPU counter then stays 0. */
    private final ThreadMXBean cpuClock = threadCpuClock();

    /**
     * @param gapTolerance   timestamp gaps up to this are jitter, not loss
     * @param maxConcealment the longest gap concealed with Opus packet-loss concealment (at most
     *                       120 ms are concealed in one go); 0 turns concealment off
     */
    public AudioDecodingProcessor(Duration gapTolerance, Duration maxConcealment) {
        this(gapTolerance, maxConcealment, OpusRecording.DECODE);
    }

    /**
     * @param opusRecording {@code keep} passes Opus packets on undecoded; {@code both} decodes them and
     *                      keeps the packet in the exchange property {@code RtmsAudioOpusPacket}
     */
    public AudioDecodingProcessor(Duration gapTolerance, Duration maxConcealment, OpusRecording opusRecording) {
        this.gapTolerance = gapTolerance;
        this.maxConcealment = maxConcealment;
        this.opusRecording = opusRecording;
    }

    @Override
    public void process(Exchange exchange) {
        Message m = exchange.getMessage();
        if (m.getHeader(RtmsConstants.AUDIO_SOURCE_CODEC) != null) {
            return; // decoded already
        }
        String streamId = m.getHeader(RtmsConstants.STREAM_ID, "unknown", String.class);
        StreamDecoding stream = streams.computeIfAbsent(streamId, StreamDecoding::new);
        String codecName = m.getHeader(RtmsConstants.AUDIO_CODEC, String.class);
        Codec codec = parseCodec(codecName);
        if (!AudioDecoders.isSupported(codec)) {
            stream.errors.incrementAndGet();
            totalErrors.increment();
            if (stream.unsupportedLogged.compareAndSet(false, true)) {
                LOG.warn("Stream {}: skipping audio in unsupported codec {} (only L16, G711 and OPUS can be recorded)",
                        streamId, codecName);
            }
            exchange.setRouteStop(true);
            return;
        }
        byte[] payload = m.getBody(byte[].class);
        if (payload == null || payload.length == 0) {
            exchange.setRouteStop(true);
            return;
        }
        if (codec == Codec.OPUS && (!opusRecording.decodes() || m.getHeader(RtmsConstants.AUDIO_KEEP_OPUS, false, Boolean.class))) {
            return; // the sinks get the packet as Zoom sent it
        }
        if (codec == Codec.OPUS && opusRecording == OpusRecording.BOTH) {
            exchange.setProperty(RtmsConstants.PROPERTY_OPUS_PACKET, payload);
        }
        int rate = m.getHeader(RtmsConstants.AUDIO_SAMPLE_RATE, defaultRate(codec), Integer.class);
        int channels = m.getHeader(RtmsConstants.AUDIO_CHANNELS, 1, Integer.class);
        try {
            PcmFormat format = new PcmFormat(codec == Codec.OPUS ? OpusDecoder.opusRate(rate) : rate, channels);
            byte[] pcm;
            int concealed = 0;
            switch (codec) {
                case L16 -> pcm = checkWholeFrames(payload, format);
                case G711 -> pcm = G711.alawToPcm(checkWholeFrames(payload, new PcmFormat(rate, channels), 1));
                case OPUS -> {
                    OpusSource source = stream.opus(speaker(m), format);
                    Long timestamp = m.getHeader(RtmsConstants.TIMESTAMP, Long.class);
                    long cpu0 = cpuClock == null ? 0 : cpuClock.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    OpusSource.Decoded d = source.decode(payload, timestamp, gapTolerance.toMillis(), maxConcealment.toMillis());
                    opusDecodeNanos.add(System.nanoTime() - t0);
                    if (cpuClock != null) {
                        opusDecodeCpuNanos.add(cpuClock.getCurrentThreadCpuTime() - cpu0);
                    }
                    opusDecoded.increment();
                    pcm = d.pcm();
                    concealed = d.concealedFrames();
                }
                default -> throw new AudioDecodeException("unsupported codec " + codec);
            }
            m.setBody(pcm);
            m.setHeader(RtmsConstants.AUDIO_CODEC, Codec.L16.name());
            m.setHeader(RtmsConstants.AUDIO_SOURCE_CODEC, codec.name());
            m.setHeader(RtmsConstants.AUDIO_SAMPLE_RATE, format.sampleRate());
            m.setHeader(RtmsConstants.AUDIO_CHANNELS, format.channels());
            if (concealed > 0) {
                m.setHeader(RtmsConstants.AUDIO_CONCEALED_FRAMES, concealed);
            } else {
                m.removeHeader(RtmsConstants.AUDIO_CONCEALED_FRAMES);
            }
        } catch (AudioDecodeException | IllegalArgumentException e) {
            long n = stream.errors.incrementAndGet();
            totalErrors.increment();
            if (n == 1) {
                LOG.warn("Stream {}: skipping an audio packet that cannot be decoded: {} (further ones are logged at debug)",
                        streamId, e.getMessage());
            } else {
                LOG.debug("Stream {}: skipping an audio packet that cannot be decoded: {}", streamId, e.getMessage());
            }
            exchange.setRouteStop(true);
        }
    }

    /**
     * Frees the decoders of a stream that has ended (LIFECYCLE STOPPED or FAILED) and puts the
     * number of audio packets it could not decode in {@code RtmsAudioDecodeErrors}. Other
     * lifecycle changes pass untouched.
     */
    public void release(Exchange exchange) {
        Message m = exchange.getMessage();
        String lifecycle = m.getHeader(RtmsConstants.LIFECYCLE, String.class);
        if (!StreamEnded.isEnd(lifecycle)) {
            return;
        }
        String streamId = m.getHeader(RtmsConstants.STREAM_ID, "unknown", String.class);
        StreamDecoding stream = streams.remove(streamId);
        long errors = stream == null ? 0 : stream.errors.get();
        m.setHeader(RtmsConstants.AUDIO_DECODE_ERRORS, errors);
        if (errors > 0) {
            LOG.info("Stream {}: {} audio packets could not be decoded and were skipped", streamId, errors);
        }
    }

    /** Packets of a stream skipped so far (0 for a stream not seen or released). */
    public long decodeErrors(String streamId) {
        StreamDecoding s = streams.get(streamId);
        return s == null ? 0 : s.errors.get();
    }

    /** Packets skipped over all streams since start, for metrics. */
    public long totalDecodeErrors() {
        return totalErrors.sum();
    }

    /** Opus packets decoded over all streams since start, for metrics. */
    public long opusPacketsDecoded() {
        return opusDecoded.sum();
    }

    /** Seconds spent decoding Opus packets (concealment included) over all streams since start, for metrics. */
    public double opusDecodeSeconds() {
        return opusDecodeNanos.sum() / 1e9;
    }

    /**
     * The decoding threads' CPU time in Opus decodes (concealment included) over all streams since
     * start, for metrics: unlike {@link #opusDecodeSeconds()} without time spent waiting for a CPU.
     * Stays 0 where the JVM cannot measure thread CPU time.
     */
    public double opusDecodeCpuSeconds() {
        return opusDecodeCpuNanos.sum() / 1e9;
    }

    /** Whether this JVM lets the decoder measure thread CPU time ({@link #opusDecodeCpuSeconds()} stays 0 if not). */
    public boolean measuresCpuTime() {
        return cpuClock != null;
    }

    /** Streams holding decoder state. */
    public int activeStreams() {
        return streams.size();
    }

    private static ThreadMXBean threadCpuClock() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled() ? threads : null;
    }

    private static String speaker(Message m) {
        String channel = m.getHeader(RtmsConstants.CHANNEL_ID, String.class);
        if (channel != null) {
            return channel;
        }
        String user = m.getHeader(RtmsConstants.USER_ID, String.class);
        return user == null ? "0" : user;
    }

    private static Codec parseCodec(String name) {
        if (name == null) {
            return Codec.L16;
        }
        try {
            return Codec.parse(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int defaultRate(Codec codec) {
        return switch (codec) {
            case OPUS -> 48000;
            case G711 -> 8000;
            default -> 16000;
        };
    }

    private static byte[] checkWholeFrames(byte[] payload, PcmFormat format) {
        return checkWholeFrames(payload, format, PcmFormat.BYTES_PER_SAMPLE);
    }

    private static byte[] checkWholeFrames(byte[] payload, PcmFormat format, int bytesPerSample) {
        int frame = bytesPerSample * format.channels();
        if (payload.length % frame != 0) {
            throw new AudioDecodeException(payload.length + " bytes are not whole " + format.channels() + "-channel frames");
        }
        return payload;
    }

    /** Decoder state of one stream. */
    private static final class StreamDecoding {
        final String streamId;
        final AtomicLong errors = new AtomicLong();
        final AtomicBoolean unsupportedLogged = new AtomicBoolean();
        final Map<String, OpusSource> opus = new ConcurrentHashMap<>();

        StreamDecoding(String streamId) {
            this.streamId = streamId;
        }

        OpusSource opus(String speaker, PcmFormat format) {
            OpusSource s = opus.get(speaker);
            if (s == null || !s.format().equals(format)) {
                s = new OpusSource(new OpusDecoder(format));
                opus.put(speaker, s);
            }
            return s;
        }
    }
}
