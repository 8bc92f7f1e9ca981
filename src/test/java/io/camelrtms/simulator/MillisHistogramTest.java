package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MillisHistogramTest {

    @Test
    void percentilesAreTheSmallestValueCoveringTheirShare() {
        MillisHistogram h = new MillisHistogram();
        assertThat(h.percentile(0.5)).isEqualTo(-1);
        assertThat(h.max()).isEqualTo(-1);
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.percentile(0.5)).isEqualTo(50);
        assertThat(h.percentile(0.99)).isEqualTo(99);
        assertThat(h.percentile(1.0)).isEqualTo(100);
        assertThat(h.percentile(0.0)).isEqualTo(1);
        assertThat(h.max()).isEqualTo(100);
    }

    @Test
    void negativeValuesCountAsZeroAndHugeOnesInTheLastBucketWithTheirTrueMax() {
        MillisHistogram h = new MillisHistogram();
        h.record(-5);
        h.record(3_600_000);
        assertThat(h.percentile(0.5)).isZero();
        assertThat(h.percentile(1.0)).isEqualTo(60_000);
        assertThat(h.max()).isEqualTo(3_600_000);
        h.reset();
        assertThat(h.count()).isZero();
        assertThat(h.percentile(0.5)).isEqualTo(-1);
    }
}
