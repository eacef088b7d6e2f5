package org.peerstack.signaling.server.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The room-name globs of sfu.rooms. */
class RoomGlobsTest {

    @Test
    void starAndQuestionMarkAreTheOnlySpecialCharacters() {
        RoomGlobs globs = new RoomGlobs(List.of("sfu-*", "class-?", "a.b[c]"));
        assertThat(globs.matches("sfu-")).isTrue();
        assertThat(globs.matches("sfu-lobby")).isTrue();
        assertThat(globs.matches("my-sfu-lobby")).isFalse();
        assertThat(globs.matches("class-1")).isTrue();
        assertThat(globs.matches("class-12")).isFalse();
        assertThat(globs.matches("a.b[c]")).isTrue();
        assertThat(globs.matches("aXb[c]")).as("regex characters are literal").isFalse();
        assertThat(new RoomGlobs(List.of()).matches("anything")).isFalse();
        assertThat(new RoomGlobs(List.of("*")).matches("line\nbreak")).isTrue();
    }
}
