package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.TypeException;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.MaxResolution;

/**
 * {@link SfuLayerPreferences}: which {@code max-resolution} messages an {@link SfuCall} sends for the
 * video tracks of the server's offers (the media effect is SfuMaxResolutionMediaTest in the whip module).
 */
class SfuLayerPreferencesTest {

    private final List<SignalingMessage> sent = new ArrayList<>();
    private final SfuLayerPreferences prefs = new SfuLayerPreferences(sent::add);

    /** A server offer: audio + video of stream {@code s1} (track v1) and video of {@code s2} (track v2). */
    private static final String OFFER = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", "a=msid:s1 a1",
            "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:1", "a=msid:s1 v1",
            "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:2", "a=msid:s2 v2",
            "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:3", "a=inactive") + "\r\n";

    @Test
    void limitsGoOutPerReceivedVideoTrackMostSpecificFirstAndOnlyWhenTheyChange() {
        prefs.setMaxResolution("*", 640, 360);
        assertThat(sent).as("no track yet").isEmpty();
        prefs.offered(OFFER, Map.of("s1", "alice", "s2", "bob"));
        assertThat(prefs.receivedVideoTracks()).isEqualTo(Map.of("v1", "alice", "v2", "bob"));
        assertThat(sent).containsExactly(new MaxResolution("sfu", null, "v1", 640, 360),
                new MaxResolution("sfu", null, "v2", 640, 360));
        sent.clear();
        prefs.setMaxResolution("bob", 320, 180); // the member beats "*"
        prefs.setMaxResolution("v1", 640, 360); // unchanged for v1: nothing sent
        assertThat(sent).containsExactly(new MaxResolution("sfu", null, "v2", 320, 180));
        sent.clear();
        prefs.offered(OFFER, Map.of("s1", "alice", "s2", "bob")); // a renegotiation: nothing new
        assertThat(sent).isEmpty();
        prefs.clearMaxResolution("bob");
        prefs.clearMaxResolution("*");
        prefs.clearMaxResolution("v1");
        assertThat(sent).containsExactly(new MaxResolution("sfu", null, "v2", 640, 360), MaxResolution.clear("sfu", "v2"),
                MaxResolution.clear("sfu", "v1"));
    }

    @Test
    void aMembersLimitHoldsForItsLaterTracksAndANewConnectionStartsAfresh() {
        prefs.setMaxResolution("bob", 320, 180);
        prefs.offered(OFFER, Map.of("s1", "alice"));
        assertThat(sent).as("bob publishes nothing yet").isEmpty();
        prefs.offered(OFFER, Map.of("s1", "alice", "s2", "bob"));
        assertThat(sent).containsExactly(new MaxResolution("sfu", null, "v2", 320, 180));
        sent.clear();
        prefs.connectionReplaced();
        assertThat(prefs.receivedVideoTracks()).isEmpty();
        prefs.offered(OFFER, Map.of("s2", "bob"));
        assertThat(sent).as("told again on the new connection").containsExactly(new MaxResolution("sfu", null, "v2", 320, 180));
    }

    @Test
    void badSizesAreTypeErrors() {
        for (int[] size : new int[][] {{0, 180}, {320, -1}, {16385, 180}}) {
            assertThatThrownBy(() -> prefs.setMaxResolution("*", size[0], size[1])).isInstanceOf(TypeException.class)
                    .hasMessageContaining("1 to 16384");
        }
        prefs.setMaxResolution("*", 16384, 16384);
    }
}
