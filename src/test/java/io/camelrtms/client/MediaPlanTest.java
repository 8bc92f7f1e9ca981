package io.camelrtms.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.protocol.MediaKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaPlanTest {

    static Map<String, String> urls(String... keys) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : keys) {
            m.put(k, "wss://media/" + k);
        }
        return m;
    }

    @Test
    void splitOpensOneSocketPerKindAndSkipsKindsWithoutAUrlWhenAskedForAll() {
        StreamSettings all = StreamSettings.builder().build();
        List<MediaKind> skipped = new ArrayList<>();
        List<MediaPlan.Socket> plan = MediaPlan.plan(all, urls("audio", "transcript", "all"), skipped::add);
        assertThat(plan).extracting(MediaPlan.Socket::key).containsExactly("audio", "transcript");
        assertThat(plan.get(0).mediaTypeMask()).isEqualTo(MediaKind.AUDIO.bit());
        assertThat(skipped).contains(MediaKind.VIDEO, MediaKind.CHAT);
    }

    @Test
    void aKindAskedForByNameFallsBackToTheAllUrl() {
        StreamSettings some = StreamSettings.builder().mediaKinds(EnumSet.of(MediaKind.AUDIO, MediaKind.CHAT), false).build();
        List<MediaPlan.Socket> plan = MediaPlan.plan(some, urls("audio", "all"), k -> { });
        assertThat(plan).extracting(MediaPlan.Socket::url).containsExactly("wss://media/audio", "wss://media/all");
    }

    @Test
    void unifiedOpensOneSocketToAll() {
        StreamSettings unified = StreamSettings.builder().unified(true).build();
        List<MediaPlan.Socket> plan = MediaPlan.plan(unified, urls("audio", "all"), k -> { });
        assertThat(plan).singleElement().satisfies(s -> {
            assertThat(s.url()).isEqualTo("wss://media/all");
            assertThat(s.mediaTypeMask()).isEqualTo(MediaKind.ALL_BIT);
        });
    }
}
