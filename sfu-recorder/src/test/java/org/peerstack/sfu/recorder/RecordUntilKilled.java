package org.peerstack.sfu.recorder;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Child process of {@link KilledWriterTest}: records a real publisher into args[0] until it is killed (at most 60 s). */
public final class RecordUntilKilled {

    private RecordUntilKilled() {
    }

    public static void main(String[] args) throws Exception {
        try (RealPublisher peers = new RealPublisher("killed")) {
            var pub = peers.publish("VP8");
            SfuRecording rec = SfuRecorder.record(peers.room, pub.id(), Path.of(args[0]), SfuRecordingOptions.defaults())
                    .get(10, TimeUnit.SECONDS);
            System.out.println("recording " + rec.tracks());
            Thread.sleep(60_000);
            rec.close();
        }
        System.exit(0);
    }
}
