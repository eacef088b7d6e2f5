package org.peerstack.demo.cli;

import org.peerstack.config.AudioMode;
import java.util.concurrent.Callable;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.demo.DemoConfig;
import org.peerstack.demo.LiveStatus;
import org.peerstack.demo.Room;
import org.peerstack.demo.SfuCall;
import org.peerstack.demo.SfuLayerPreferences;
import org.peerstack.media.MediaStream;
import org.peerstack.demo.StopSignal;
import org.peerstack.exc.PeerstackException;
import org.peerstack.rtc.WebRtcEngine;
import picocli.CommandLine.Mixin;

/**
 * What every bot command does: load the configuration, open the engine and the bot's resources, join
 * the room, print the live status until the time is up or Ctrl-C, then close everything in order.
 */
abstract class BotCommand implements Callable<Integer> {

    @Mixin
    RoomMixin room;

    /** The bot's kind, e.g. {@code echo}. */
    abstract String kind();

    /** {@code HEADLESS} for bots that consume remote audio. */
    AudioMode audioMode() {
        return AudioMode.DUMMY;
    }

    /** Opens the bot's own resources and returns its handler. */
    abstract Room.Handler open(PeerstackConfig config);

    /** Time between status lines, zero for none. */
    java.time.Duration statusInterval() {
        return room.statusInterval();
    }

    /** Bot-specific status text. */
    String status() {
        return "";
    }

    /** Runs while the bot is in the room; by default waits for the time limit or Ctrl-C. */
    void whileJoined(StopSignal stop) throws InterruptedException {
        stop.await(room.duration());
    }

    /** What the bot publishes in an SFU room ({@code --sfu}), or null to only receive. */
    MediaStream sfuStream() {
        return null;
    }

    /** Runs once the bot is in an SFU room, before {@link #whileJoined}. */
    void sfuJoined(SfuCall call) {
    }

    /** Closes the bot's own resources (after the room). */
    void closeBot() {
    }

    @Override
    public Integer call() {
        StopSignal stop = StopSignal.install();
        try {
            room.maxResolution(); // a bad --max-resolution exits 2 before anything opens
            PeerstackConfig config = DemoConfig.load(audioMode());
            try (WebRtcEngine engine = WebRtcEngine.create(config)) {
                Room.Handler handler = open(config);
                if (room.sfu) {
                    runSfu(engine, handler, stop);
                } else try (Room joined = Room.join(room.options(kind()), engine, handler)) {
                    System.out.printf("[%s] joined room '%s' at %s as %s (Ctrl-C to leave)%n", kind(), room.room,
                            room.server, joined.selfId());
                    LiveStatus status = statusInterval().isZero() ? null
                            : new LiveStatus(kind() + " " + room.room, joined, System.out, statusInterval(), this::status);
                    try {
                        whileJoined(stop);
                    } finally {
                        if (status != null) {
                            status.close();
                        }
                    }
                } finally {
                    closeBot();
                }
            }
            System.out.printf("[%s] left, everything closed%n", kind());
            return 0;
        } catch (PeerstackException e) {
            System.err.printf("[%s] %s: %s%n", kind(), e.errorName(), e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            stop.cleaned();
        }
    }

    /** {@code --sfu}: the bot in an SFU room ({@link SfuCall}), then its resources closed. */
    private void runSfu(WebRtcEngine engine, Room.Handler handler, StopSignal stop) throws InterruptedException {
        int[] maxResolution = room.maxResolution(); // checked in call()
        try (SfuCall joined = SfuCall.join(room.options(kind()), engine, handler, sfuStream())) {
            if (maxResolution != null) {
                joined.layerPreferences().setMaxResolution(SfuLayerPreferences.EVERY_TRACK, maxResolution[0],
                        maxResolution[1]);
            }
            System.out.printf("[%s] joined SFU room '%s' at %s as %s (Ctrl-C to leave)%n", kind(), room.room,
                    room.server, joined.selfId());
            sfuJoined(joined);
            LiveStatus status = statusInterval().isZero() ? null
                    : new LiveStatus(kind() + " " + room.room + " (SFU)", joined::peers, System.out, statusInterval(),
                            this::status);
            try {
                whileJoined(stop);
            } finally {
                if (status != null) {
                    status.close();
                }
            }
        } finally {
            closeBot();
        }
    }
}
