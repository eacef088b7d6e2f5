package org.peerstack.sfu.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.peerstack.exc.OperationException;
import org.peerstack.exc.TypeException;

/** When the subscriber's REMB caps the simulcast layers, and bad preferences. */
class LayerAllocatorTest {

    private static final long S = 1_000_000_000L;

    @Test
    void aFallingRembBelowWhatIsSentCapsForTheHoldTime() {
        LayerAllocator a = new LayerAllocator();
        assertThat(a.isCongested(0)).isFalse();
        a.onEstimate(300_000, false, 150_000, 0);
        assertThat(a.isCongested(0)).as("a rising or first estimate is no congestion").isFalse();
        a.onEstimate(2_000_000, false, 1_800_000, S);
        a.onEstimate(1_900_000, true, 1_800_000, 2 * S);
        assertThat(a.isCongested(2 * S)).as("fell, but still above what is sent").isFalse();
        a.onEstimate(900_000, true, 1_800_000, 3 * S);
        assertThat(a.isCongested(3 * S)).isTrue();
        assertThat(a.estimateBps()).isEqualTo(900_000);
        assertThat(a.isCongested(3 * S + LayerAllocator.CONGESTION_HOLD_NANOS - 1)).isTrue();
        assertThat(a.isCongested(3 * S + LayerAllocator.CONGESTION_HOLD_NANOS)).isFalse();
    }

    @Test
    void rembDecreaseDetection() {
        LayerAllocator a = new LayerAllocator();
        // no tracks: nothing is sent, so no REMB can be below it
        a.onRemb(1_000_000, 0);
        a.onRemb(100_000, 1);
        assertThat(a.isCongested(1)).isFalse();
        assertThat(a.estimateBps()).isEqualTo(100_000);
    }

    @Test
    void theBudgetIsSharedAmongSimulcastTracks() {
        assertThat(LayerAllocator.share(1_000_000, 100_000, 2)).isEqualTo(450_000);
        assertThat(LayerAllocator.share(100_000, 300_000, 1)).isZero();
        assertThat(LayerAllocator.share(500_000, 0, 0)).isEqualTo(500_000);
    }

    @Test
    void badPreferencesAreTypedErrors() {
        LayerAllocator a = new LayerAllocator();
        assertThatThrownBy(() -> a.setMaxResolution("p/1", -1, 10)).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> a.setMaxResolution("p/1", 0, 10)).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> a.setMaxResolution("p/1", 320, 180)).isInstanceOf(OperationException.class)
                .hasMessageContaining("p/1");
        assertThatThrownBy(() -> a.layers("p/1", 0)).isInstanceOf(OperationException.class);
    }
}
