package io.camelrtms.bench;

import io.camelrtms.media.L16Decoder;
import io.camelrtms.media.OpusDecoder;
import io.camelrtms.media.PcmFormat;
import io.camelrtms.protocol.MalformedMessageException;
import io.camelrtms.protocol.MediaData;
import io.camelrtms.protocol.RtmsMessage;
import io.camelrtms.protocol.RtmsMessageParser;
import io.camelrtms.sink.file.RecordingStatistics;
import io.camelrtms.sink.file.WavFileWriter;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-frame hot path piece by piece, as the bundle runs it for one 20 ms audio packet: parse
 * the RTMS data message (msg 14) into {@link MediaData}, decode it to PCM (L16 passes through; Opus
 * 48 kHz stereo through Concentus) and write it to the WAV writer. The packets are what the
 * simulator sends: 16 kHz mono L16 (640 bytes of PCM, 856 base64 characters) and 48 kHz stereo
 * Opus at 128 kbit/s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class FramePathBenchmark {

    static final long T0 = 1_738_392_033_000L;

    RtmsMessageParser parser;
    String l16Text;
    byte[] l16Bytes;
    byte[] l16Pcm;
    L16Decoder l16;
    OpusDecoder opus;
    byte[][] opusPackets;
    int next;
    /** One decoder per speaker, as bench/run.sh --profile b has them (150 per-speaker streams). */
    OpusDecoder[] speakers;
    int speaker;
    int speakerPacket;

    Path dir;
    WavFileWriter wav;
    long timestamp;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        parser = new RtmsMessageParser();
        l16Pcm = tone(16000, 1, 20, 1000);
        l16Text = "{\"msg_type\":14,\"content\":{\"user_id\":0,\"user_name\":\"\",\"data\":\""
                + Base64.getEncoder().encodeToString(l16Pcm) + "\",\"timestamp\":" + T0 + "}}";
        l16Bytes = l16Text.getBytes(StandardCharsets.UTF_8);
        l16 = new L16Decoder(new PcmFormat(16000, 1));
        opus = new OpusDecoder(new PcmFormat(48000, 2));
        opusPackets = opusPackets(50);
        speakers = new OpusDecoder[Integer.getInteger("bench.speakers", 150)];
        for (int i = 0; i < speakers.length; i++) {
            speakers[i] = new OpusDecoder(new PcmFormat(48000, 2));
        }
        dir = Files.createTempDirectory("rtms-jmh-");
    }

    @Setup(Level.Iteration)
    public void openFile() throws IOException {
        wav = WavFileWriter.create(dir.resolve("audio.wav"), new PcmFormat(16000, 1), 8192);
        wav.reportTo(new RecordingStatistics());
        timestamp = T0;
    }

    @TearDown(Level.Iteration)
    public void closeFile() throws IOException {
        wav.close();
        Files.deleteIfExists(dir.resolve("audio.wav"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir);
    }

    /** The general path: a text frame given as a String. */
    @Benchmark
    public RtmsMessage parseL16Text() throws MalformedMessageException {
        return parser.parse(l16Text);
    }

    /** The same message from its UTF-8 bytes: the streaming fast path the client takes with every media frame. */
    @Benchmark
    public RtmsMessage parseL16Bytes() throws MalformedMessageException {
        return parser.parse(l16Bytes);
    }

    @Benchmark
    public byte[] decodeL16() {
        return l16.decode(l16Pcm);
    }

    /** One 20 ms packet of 48 kHz stereo Opus to PCM (Concentus), packets in order. */
    @Benchmark
    public byte[] decodeOpus48kStereo() {
        byte[] p = opusPackets[next];
        next = (next + 1) % opusPackets.length;
        return opus.decode(p);
    }

    /**
     * The same packets with {@code -Dbench.speakers} (150) decoders taking turns, one packet each, as
     * the bundle decodes 150 per-speaker streams: every decoder's state (tens of kB for 48 kHz stereo)
     * has left the CPU caches by its next turn, which a single decoder never sees.
     */
    @Benchmark
    public byte[] decodeOpus48kStereoSpeakersTakingTurns() {
        byte[] p = opusPackets[speakerPacket];
        byte[] pcm = speakers[speaker].decode(p);
        if (++speaker == speakers.length) {
            speaker = 0;
            speakerPacket = (speakerPacket + 1) % opusPackets.length;
        }
        return pcm;
    }

    /** 640 bytes of PCM into the WAV writer (8 KiB buffer, handed to the OS when full). */
    @Benchmark
    public long writeWav() throws IOException {
        timestamp += 20;
        wav.write(l16Pcm, timestamp);
        return wav.frames();
    }

    /** Parse, decode and write one L16 packet. */
    @Benchmark
    public long framePathL16() throws Exception {
        MediaData m = (MediaData) parser.parse(l16Bytes);
        wav.write(l16.decode(m.data()), m.timestamp());
        return wav.frames();
    }

    static byte[] tone(int rate, int channels, int millis, double hz) {
        int frames = rate * millis / 1000;
        byte[] out = new byte[frames * channels * 2];
        for (int i = 0; i < frames; i++) {
            short s = (short) (8000 * Math.sin(2 * Math.PI * hz * i / rate));
            for (int c = 0; c < channels; c++) {
                int o = (i * channels + c) * 2;
                out[o] = (byte) s;
                out[o + 1] = (byte) (s >> 8);
            }
        }
        return out;
    }

    /** Packets as the simulator encodes them: VOIP mode, 64 kbit/s per channel, complexity 5. */
    static byte[][] opusPackets(int n) throws Exception {
        OpusEncoder enc = new OpusEncoder(48000, 2, OpusApplication.OPUS_APPLICATION_VOIP);
        enc.setBitrate(128_000);
        enc.setComplexity(5);
        int frames = 960;
        short[] pcm = new short[frames * 2 * n];
        for (int i = 0; i < frames * n; i++) {
            short s = (short) (8000 * Math.sin(2 * Math.PI * (1000 + (i / 4800) * 250) * i / 48000.0));
            pcm[2 * i] = s;
            pcm[2 * i + 1] = (short) (s * 0.7);
        }
        byte[][] packets = new byte[n][];
        byte[] buf = new byte[4000];
        for (int k = 0; k < n; k++) {
            int len = enc.encode(pcm, k * frames * 2, frames, buf, 0, buf.length);
            packets[k] = java.util.Arrays.copyOf(buf, len);
        }
        return packets;
    }
}
