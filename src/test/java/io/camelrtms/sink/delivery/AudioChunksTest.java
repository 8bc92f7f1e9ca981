package io.camelrtms.sink.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelrtms.component.TestExchanges;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class AudioChunksTest {

    final TestExchanges stream = new TestExchanges("chunky");
    final AudioChunks chunks = new AudioChunks(Duration.ofMillis(100));

    @Test
    void aChunkFillsToItsDurationPerSpeakerAndFormat() {
        Exchange alice = stream.audio(new byte[640], "L16", 16000, 1, "16778240", "Alice", 1000);
        Exchange mixed = stream.audio(new byte[640], "L16", 16000, 1, "0", null, 1000);
        Exchange stereo = stream.audio(new byte[1280], "L16", 16000, 2, "16778240", "Alice", 1000);
        assertThat(chunks.group(alice)).isEqualTo("chunky|16778240|16000x1");
        assertThat(chunks.group(mixed)).isEqualTo("chunky|mixed|16000x1");
        assertThat(chunks.group(stereo)).as("a format change starts a new chunk").isEqualTo("chunky|16778240|16000x2");

        // 100 ms of 16 kHz mono is 3200 bytes: five 20 ms packets
        Exchange agg = chunks.aggregate(null, alice);
        for (int i = 1; i < 5; i++) {
            assertThat(chunks.isFull(agg)).isFalse();
            agg = chunks.aggregate(agg, stream.audio(new byte[640], "L16", 16000, 1, "16778240", "Alice", 1000 + 20L * i));
        }
        assertThat(chunks.isFull(agg)).isTrue();
        AudioChunk c = agg.getMessage().getBody(AudioChunk.class);
        assertThat(c.length()).isEqualTo(3200);
        assertThat(c.durationMillis()).isEqualTo(100);
        assertThat(c.sequence()).isEqualTo(1);
        assertThat(c.speaker()).isEqualTo("16778240");
        assertThat(c.firstTimestamp()).isEqualTo(1000);
        Exchange next = chunks.aggregate(null, stream.audio(new byte[640], "L16", 16000, 1, "16778240", "Alice", 1100));
        assertThat(next.getMessage().getBody(AudioChunk.class).sequence()).isEqualTo(2);
        Exchange other = chunks.aggregate(null, mixed);
        assertThat(other.getMessage().getBody(AudioChunk.class).speaker()).isNull();
        assertThat(other.getMessage().getBody(AudioChunk.class).sequence()).isEqualTo(1);
        assertThat(chunks.timeoutMillis()).isEqualTo(100);
    }

    @Test
    void aChunkMustLastSomething() {
        assertThatThrownBy(() -> new AudioChunks(Duration.ZERO)).hasMessageContaining("rtms.http.audio-chunk");
    }
}
