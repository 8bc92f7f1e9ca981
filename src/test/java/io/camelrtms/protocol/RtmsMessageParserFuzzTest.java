package io.camelrtms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed frames through the parser: each is either parsed or refused with a
 * {@link MalformedMessageException}; no other exception (a stack overflow on deep nesting, an index
 * out of bounds in the streaming media path, a number format error) ever escapes.
 */
class RtmsMessageParserFuzzTest {

    /** -Dfuzz.seed=… replays or varies a run. */
    static final long SEED = Long.getLong("fuzz.seed", 0x5EC0_2026L);
    static final int INPUTS = 30_000;

    private static final List<byte[]> SEEDS = Stream.of(
            "{\"msg_type\":2,\"protocol_version\":1,\"sequence\":0,\"status_code\":0,\"reason\":\"\",\"media_server\":"
                    + "{\"server_urls\":{\"audio\":\"wss://127.0.0.1:9/a\",\"all\":\"wss://127.0.0.1:9/all\"}}}",
            "{\"msg_type\":4,\"protocol_version\":1,\"status_code\":0,\"sequence\":1,\"media_params\":{\"audio\":"
                    + "{\"content_type\":2,\"sample_rate\":1,\"channel\":1,\"codec\":1,\"data_opt\":1,\"send_rate\":20}}}",
            "{\"msg_type\":14,\"content\":{\"user_id\":16778240,\"user_name\":\"Ann\",\"data\":\"AAECAwQFBgc=\",\"timestamp\":1738392033699}}",
            "{\"msg_type\":17,\"content\":{\"user_id\":7,\"user_name\":\"Bo\",\"data\":\"Hello, world\",\"timestamp\":1,"
                    + "\"start_time\":1,\"end_time\":2,\"language\":9}}",
            "{\"msg_type\":18,\"content\":{\"user_id\":1,\"data\":\"hi all\",\"timestamp\":1}}",
            "{\"msg_type\":16,\"content\":{\"user_id\":1,\"data\":\"data:image/jpeg;base64,/9j/4AAQ\",\"timestamp\":3}}",
            "{\"msg_type\":12,\"timestamp\":1738392033699}",
            "{\"msg_type\":8,\"state\":4,\"reason\":6,\"timestamp\":9}",
            "{\"msg_type\":9,\"rtms_session_id\":\"x\",\"state\":5,\"stop_reason\":3}",
            "{\"msg_type\":6,\"event\":{\"event_type\":8,\"event_ts\":42,\"participants\":[{\"user_id\":1,\"user_name\":\"A\"}]}}")
            .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();

    @Test
    void everyMalformedFrameIsParsedOrRefusedAsMalformedAndNothingElseEscapes() {
        RtmsMessageParser parser = new RtmsMessageParser();
        FuzzInputs inputs = new FuzzInputs(SEED);
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] frame = inputs.next(SEEDS);
            try {
                // the same frame inside a larger buffer too: the streaming path must keep to its slice
                assertThat(parser.parse(frame)).isNotNull();
                byte[] padded = new byte[frame.length + 16];
                System.arraycopy(frame, 0, padded, 8, frame.length);
                parser.parse(padded, 8, frame.length);
                parsed++;
            } catch (MalformedMessageException e) {
                refused++;
            } catch (RuntimeException | StackOverflowError e) {
                fail("seed " + SEED + ", input " + i + " (" + new String(frame, StandardCharsets.UTF_8) + ") escaped with " + e, e);
            }
        }
        // both sides were exercised, not just one
        assertThat(parsed).isGreaterThan(INPUTS / 50);
        assertThat(refused).isGreaterThan(INPUTS / 2);
    }
}
