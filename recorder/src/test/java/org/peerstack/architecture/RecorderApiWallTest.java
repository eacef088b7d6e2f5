package org.peerstack.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The API wall of {@link ApiWallTest}, over the recorder module together with what it depends on. */
class RecorderApiWallTest extends ApiWallTest {

    @Test
    void theRulesSawTheRecorder() {
        assertThat(classes.contain("org.peerstack.recorder.MediaRecorder")).isTrue();
        assertThat(classes.contain("org.peerstack.internal.recorder.RecorderEngine")).isTrue();
    }
}
