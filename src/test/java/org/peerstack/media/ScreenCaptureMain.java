package org.peerstack.media;

import java.util.concurrent.TimeUnit;
import org.peerstack.testing.FrameProbe;
import org.peerstack.testing.TestMedia;

/**
 * Run in a child JVM by {@link ScreenCaptureTest} with {@code DISPLAY} pointing at a private Xvfb: captures
 * three frames with {@code getDisplayMedia} and prints their sizes, then exits 0. A separate JVM because
 * libwebrtc reads the display from the process environment, and so a native crash cannot take the
 * test JVM down.
 */
public final class ScreenCaptureMain {

    private ScreenCaptureMain() {
    }

    public static void main(String[] args) throws Exception {
        try (MediaDevices devices = MediaDevices.create(TestMedia.defaults())) {
            MediaStreamTrack screen = devices.getDisplayMedia().get(30, TimeUnit.SECONDS).getVideoTracks().get(0);
            System.out.println("LABEL " + screen.label());
            FrameProbe probe = new FrameProbe();
            screen.addVideoSink(probe);
            for (int i = 0; i < 3; i++) {
                FrameProbe.Seen seen = probe.nextFrame();
                System.out.println("FRAME " + seen.width() + "x" + seen.height());
            }
            screen.stop();
        }
        System.out.println("DONE");
        System.exit(0);
    }
}
