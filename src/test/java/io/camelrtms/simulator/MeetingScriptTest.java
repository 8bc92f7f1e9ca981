package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.MediaKind;
import org.junit.jupiter.api.Test;

class MeetingScriptTest {

    @Test
    void sourcePcmIsDeterministicAndCoversTheTimeline() {
        MeetingScript a = MeetingScript.standard();
        MeetingScript rebuilt = MeetingScript.builder().durationMillis(6000)
                .speakers(MeetingScript.Speaker.of(16778240, "Alice Example", 1000).talks(0, 1400).talks(5000, 6000))
                .build();
        short[] alice = a.sourcePcm(16778240, 16000, 1);
        assertThat(alice).hasSize(6000 * 16);
        assertThat(rebuilt.sourcePcm(16778240, 16000, 1)).isEqualTo(alice);
        // Muted outside the talk segments, audible inside.
        assertThat(alice[2000 * 16]).isZero();
        assertThat(peak(alice, 100 * 16, 1300 * 16)).isGreaterThan(4000);
        // A new array: changing it does not change the script.
        alice[100 * 16] = 12345;
        assertThat(a.sourcePcm(16778240, 16000, 1)[100 * 16]).isNotEqualTo((short) 12345);
    }

    @Test
    void stereoRightChannelIsQuieterAndTheMixIsTheSum() {
        MeetingScript s = MeetingScript.standard();
        short[] stereo = s.sourcePcm(0, 48000, 2);
        assertThat(stereo).hasSize(6000 * 48 * 2);
        int i = 500 * 48;
        assertThat(Math.abs(stereo[2 * i + 1])).isLessThanOrEqualTo(Math.abs(stereo[2 * i]));
        short[] mix = s.sourcePcm(0, 16000, 1);
        short[] bob = s.sourcePcm(16779264, 16000, 1);
        short[] alice = s.sourcePcm(16778240, 16000, 1);
        int overlap = 1300 * 16; // Alice and Bob overlap from 1200 to 1400 ms
        assertThat(Math.abs(mix[overlap] - (alice[overlap] + bob[overlap]))).isLessThanOrEqualTo(2);
    }

    @Test
    void silentIdleGapAndAutoEvents() {
        MeetingScript s = MeetingScript.standard();
        assertThat(s.anyoneTalking(3400, 5000)).isFalse();
        assertThat(s.anyoneTalking(3380, 3400)).isTrue();
        assertThat(s.events()).filteredOn(e -> e.eventType() == EventType.ACTIVE_SPEAKER_CHANGE)
                .extracting(MeetingScript.ScriptEvent::atMs).containsExactly(0L, 1200L, 2600L, 5000L);
        assertThat(s.events()).anyMatch(e -> e.eventType() == EventType.PARTICIPANT_JOIN && e.userIds().size() == 3);
        assertThat(s.contentKinds()).containsExactlyInAnyOrder(MediaKind.values());
    }

    @Test
    void automaticTurnsAvoidTheIdleGap() {
        MeetingScript s = MeetingScript.builder().durationMillis(3000).idleGapMillis(1000).turnMillis(500)
                .speakers(MeetingScript.Speaker.of(1, "One", 900), MeetingScript.Speaker.of(2, "Two", 1200)).build();
        assertThat(s.idleGap()).isEqualTo(new MeetingScript.Segment(1000, 2000));
        assertThat(s.anyoneTalking(1000, 2000)).isFalse();
        assertThat(s.speaker(1).talks()).isNotEmpty();
        assertThat(s.speaker(2).talks()).isNotEmpty();
        assertThat(s.anyoneTalking(0, 1000)).isTrue();
        assertThat(s.anyoneTalking(2000, 3000)).isTrue();
    }

    @Test
    void equalScriptsAreEqualValues() {
        assertThat(MeetingScript.benchmark(4000)).isEqualTo(MeetingScript.benchmark(4000)).isNotEqualTo(MeetingScript.benchmark(6000));
        assertThat(MeetingScript.benchmark(4000).hashCode()).isEqualTo(MeetingScript.benchmark(4000).hashCode());
        assertThat(MeetingScript.benchmark(4000).transcriptLines()).hasSize(2);
    }

    @Test
    void badScriptsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> MeetingScript.builder().durationMillis(1000)
                .speakers(MeetingScript.Speaker.of(1, "One", 900).talks(200, 800)).idleGap(500, 200).build())
                .hasMessageContaining("inside the idle gap");
        assertThatThrownBy(() -> MeetingScript.builder().durationMillis(1000)
                .speakers(MeetingScript.Speaker.of(1, "One", 900))
                .transcriptLines(MeetingScript.TranscriptLine.of(0, 500, 2, "who?")).build())
                .hasMessageContaining("user_id 2");
        assertThatThrownBy(() -> MeetingScript.Speaker.of(0, "Mix", 900)).hasMessageContaining("mixed");
        assertThatThrownBy(() -> MeetingScript.standard().sourcePcm(0, 44100, 1)).hasMessageContaining("44100");
    }

    private static int peak(short[] pcm, int from, int to) {
        int p = 0;
        for (int i = from; i < to; i++) {
            p = Math.max(p, Math.abs(pcm[i]));
        }
        return p;
    }
}
