package org.peerstack.demo.exits;

import java.util.concurrent.TimeUnit;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.WebRtcEngine;

/**
 * The README's "A taste of the API" snippet as a whole program, the way a user builds it: its
 * {@code main} returns without {@code System.exit}. {@link CleanExitTest} runs it in its own JVM
 * (with fake devices) and checks that the JVM ends by itself, quietly.
 */
public final class ReadmeSnippetProgram {

    private ReadmeSnippetProgram() {
    }

    public static void main(String[] args) throws Exception {
        PeerstackConfig config = PeerstackConfig.load();            // config/peerstack.yaml + overrides
        try (MediaDevices devices = MediaDevices.create(config);
             WebRtcEngine engine = WebRtcEngine.create(config)) {
            MediaStream stream = devices.getUserMedia(MediaStreamConstraints.of(true, true)).get(10, TimeUnit.SECONDS);
            RTCPeerConnection pc = engine.createPeerConnection(RTCConfiguration.newBuilder().build());
            pc.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> e.candidate().ifPresent(c -> { }));
            pc.addEventListener(RTCPeerConnection.TRACK, e -> { });
            stream.getTracks().forEach(track -> pc.addTrack(track, stream));
            pc.setLocalDescription().thenRun(() -> System.out.println("offer: "
                    + pc.localDescription().sdp().lines().count() + " SDP lines")).get(10, TimeUnit.SECONDS);
            pc.close();
            stream.getTracks().forEach(track -> track.stop());
        }
        System.out.println("main returns");
    }
}
