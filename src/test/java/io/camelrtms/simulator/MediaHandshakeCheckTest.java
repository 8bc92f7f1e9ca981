package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.protocol.MediaKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The media part of a media handshake, decided without a socket. */
class MediaHandshakeCheckTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Set<MediaKind> AUDIO_AND_TRANSCRIPT = EnumSet.of(MediaKind.AUDIO, MediaKind.TRANSCRIPT);

    static Connection media(String urlKey) {
        return new Connection(null, SocketRole.MEDIA, urlKey, false);
    }

    static MediaHandshakeCheck.Result check(String json, Connection c, List<Connection> others) throws Exception {
        return MediaHandshakeCheck.check(MAPPER.readTree(json), c, others, AUDIO_AND_TRANSCRIPT);
    }

    @Test
    void anAllSocketGetsEveryAllowedKindAndTheNegotiatedEcho() throws Exception {
        Connection all = media("all");
        MediaHandshakeCheck.Result r = check("{\"media_type\":32}", all, List.of(all));
        assertThat(r.ok()).isTrue();
        assertThat(r.kinds()).isEqualTo(AUDIO_AND_TRANSCRIPT);
        assertThat(r.echo().has("audio")).isTrue();
    }

    @Test
    void aKindOutsideTheScopesOrTheUrlIsRefused() throws Exception {
        assertThat(check("{\"media_type\":2}", media("all"), List.of()).refusal().code())
                .isEqualTo(ServerStatus.MEDIA_TYPE_AUDIO_NOT_SUPPORT + MediaKind.VIDEO.ordinal());
        assertThat(check("{\"media_type\":8}", media("audio"), List.of()).refusal().code()).isEqualTo(ServerStatus.MEDIA_TYPE_INVALID_VALUE);
        assertThat(check("{\"media_type\":\"1\"}", media("audio"), List.of()).refusal().code()).isEqualTo(ServerStatus.INVALID_MEDIA_TYPE);
    }

    @Test
    void aSecondSocketForAKindOrAnAllBesideOthersIsRefused() throws Exception {
        Connection first = media("audio");
        first.handshaken = true;
        first.kinds = EnumSet.of(MediaKind.AUDIO);
        assertThat(check("{\"media_type\":1}", media("audio"), List.of(first)).refusal().code())
                .isEqualTo(ServerStatus.DUPLICATE_MEDIA_DATA_CONNECTION);
        assertThat(check("{\"media_type\":32}", media("all"), List.of(first)).refusal().code())
                .isEqualTo(ServerStatus.MEDIA_DATA_ALL_CONNECTION_EXIST);
        assertThat(check("{\"media_type\":8}", media("transcript"), List.of(first)).ok()).isTrue();
    }

    @Test
    void payloadEncryptionIsRefused() throws Exception {
        assertThat(check("{\"media_type\":1,\"payload_encryption\":true}", media("audio"), List.of()).refusal().code())
                .isEqualTo(ServerStatus.INVALID_PAYLOAD);
    }
}
