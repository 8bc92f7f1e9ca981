package io.camelrtms.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.component.RtmsConstants;
import io.camelrtms.component.TestExchanges;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AudioDecodingProcessorTest {

    private final AudioDecodingProcessor decoder = new AudioDecodingProcessor(Duration.ofMillis(10), Duration.ofMillis(100));
    private final TestExchanges ex = new TestExchanges("s1");

    @Test
    void opusBecomesPcmAndTheHeadersSaySo() {
        List<byte[]> packets = TestSignals.opusPackets(TestSignals.tones(48000, 2, 4800), 48000, 2, 20);
        Exchange e = ex.audio(packets.get(0), "OPUS", 48000, 2, "16778240", "Alice", 1000);
        decoder.process(e);
        assertThat(e.isRouteStop()).isFalse();
        assertThat(e.getIn().getBody(byte[].class)).hasSize(960 * 2 * 2);
        assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_CODEC)).isEqualTo("L16");
        assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_SOURCE_CODEC)).isEqualTo("OPUS");
        assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_SAMPLE_RATE)).isEqualTo(48000);
        assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_CHANNELS)).isEqualTo(2);
        assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_CONCEALED_FRAMES)).isNull();
        // running it twice does nothing more
        byte[] body = e.getIn().getBody(byte[].class);
        decoder.process(e);
        assertThat(e.getIn().getBody(byte[].class)).isSameAs(body);
        // counted once, with the time it took, for the rtms.audio.opus.* metrics
        assertThat(decoder.opusPacketsDecoded()).isEqualTo(1);
        assertThat(decoder.opusDecodeSeconds()).isPositive();
    }

    @Test
    void opusDecodesAreCountedInThreadCpuTimeAndOtherCodecsAreNot() {
        Assumptions.assumeTrue(decoder.measuresCpuTime(), "this JVM does not measure thread CPU time");
        assertThat(decoder.opusDecodeCpuSeconds()).isZero();
        List<byte[]> packets = TestSignals.opusPackets(TestSignals.tones(48000, 2, 4800), 48000, 2, 20);
        for (int i = 0; i < packets.size(); i++) {
            decoder.process(ex.audio(packets.get(i), "OPUS", 48000, 2, "1", "A", 1000 + 20L * i));
        }
        double cpu = decoder.opusDecodeCpuSeconds();
        assertThat(cpu).isPositive();
        // L16 and G.711 do not read the CPU clock: the Opus figure is theirs alone
        decoder.process(ex.audio(new byte[] {1, 0, 2, 0}, "L16", 16000, 1, "2", "B", 1000));
        decoder.process(ex.audio(new byte[] {(byte) 0xAA, (byte) 0x55}, "G711", 8000, 1, "3", "C", 1000));
        assertThat(decoder.opusDecodeCpuSeconds()).isEqualTo(cpu);
        assertThat(decoder.opusPacketsDecoded()).isEqualTo(packets.size());
    }

    @Test
    void aLostOpusPacketIsConcealedAndAnnounced() {
        List<byte[]> packets = TestSignals.opusPackets(TestSignals.tones(48000, 1, 4800), 48000, 1, 20);
        decoder.process(ex.audio(packets.get(0), "OPUS", 48000, 1, "7", "Al", 1000));
        decoder.process(ex.audio(packets.get(1), "OPUS", 48000, 1, "7", "Al", 1020));
        // packet at 1040 lost
        Exchange e = ex.audio(packets.get(3), "OPUS", 48000, 1, "7", "Al", 1060);
        decoder.process(e);
        assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_CONCEALED_FRAMES)).isEqualTo(960);
        assertThat(e.getIn().getBody(byte[].class)).hasSize((960 + 960) * 2);
        // a long gap (1 s) is left to the sink's silence filling
        Exchange later = ex.audio(packets.get(4), "OPUS", 48000, 1, "7", "Al", 2080);
        decoder.process(later);
        assertThat(later.getIn().getHeader(RtmsConstants.AUDIO_CONCEALED_FRAMES)).isNull();
        assertThat(later.getIn().getBody(byte[].class)).hasSize(960 * 2);
    }

    @Test
    void speakersHaveTheirOwnDecoders() {
        List<byte[]> packets = TestSignals.opusPackets(TestSignals.tones(48000, 1, 4800), 48000, 1, 20);
        decoder.process(ex.audio(packets.get(0), "OPUS", 48000, 1, "1", "A", 1000));
        // speaker 2 speaks 40 ms later: not a gap of speaker 1
        Exchange e = ex.audio(packets.get(1), "OPUS", 48000, 1, "2", "B", 1040);
        decoder.process(e);
        assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_CONCEALED_FRAMES)).isNull();
    }

    @Test
    void g711AndL16() {
        Exchange alaw = ex.audio(new byte[] {(byte) 0xAA, (byte) 0x55}, "G711", 8000, 1, "0", null, 1);
        decoder.process(alaw);
        assertThat(Pcm.toShorts(alaw.getIn().getBody(byte[].class))).containsExactly((short) 32256, (short) -8);
        assertThat(alaw.getIn().getHeader(RtmsConstants.AUDIO_SOURCE_CODEC)).isEqualTo("G711");
        byte[] l16 = {1, 0, 2, 0};
        Exchange pcm = ex.audio(l16, "L16", 16000, 1, "0", null, 2);
        decoder.process(pcm);
        assertThat(pcm.getIn().getBody()).isSameAs(l16);
        assertThat(pcm.getIn().getHeader(RtmsConstants.AUDIO_SOURCE_CODEC)).isEqualTo("L16");
    }

    @Test
    void badPacketsAreCountedAndDroppedNeverThrown() {
        Exchange corrupt = ex.audio(new byte[] {(byte) 0xFB, 0x00}, "OPUS", 48000, 1, "1", "A", 1000);
        decoder.process(corrupt);
        assertThat(corrupt.isRouteStop()).isTrue();
        Exchange g722 = ex.audio(new byte[] {1, 2, 3}, "G722", 16000, 1, "1", "A", 1020);
        decoder.process(g722);
        assertThat(g722.isRouteStop()).isTrue();
        Exchange odd = ex.audio(new byte[] {1, 2, 3}, "L16", 16000, 1, "1", "A", 1040);
        decoder.process(odd);
        assertThat(odd.isRouteStop()).isTrue();
        Exchange unknown = ex.audio(new byte[] {1, 2}, "MP3", 16000, 1, "1", "A", 1060);
        decoder.process(unknown);
        assertThat(unknown.isRouteStop()).isTrue();
        assertThat(decoder.decodeErrors("s1")).isEqualTo(4);

        Exchange stopped = ex.lifecycle("STOPPED", 6, "MEETING_ENDED");
        decoder.release(stopped);
        assertThat(stopped.getIn().getHeader(RtmsConstants.AUDIO_DECODE_ERRORS)).isEqualTo(4L);
        assertThat(decoder.activeStreams()).isZero();
    }

    @Test
    void onlyTheEndOfAStreamReleasesIt() {
        decoder.process(ex.audio(new byte[] {1, 0}, "L16", 16000, 1, "0", null, 1));
        decoder.release(ex.lifecycle("INTERRUPTED", null, null));
        assertThat(decoder.activeStreams()).isEqualTo(1);
        decoder.release(ex.lifecycle("FAILED", null, null));
        assertThat(decoder.activeStreams()).isZero();
    }
}
