package org.peerstack.demo.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.peerstack.demo.PassthroughRecordBot;
import org.peerstack.demo.SfuPassthroughSignaling;
import org.peerstack.demo.StopSignal;
import org.peerstack.demo.WhepPassthroughSession;
import org.peerstack.exc.PeerstackException;
import org.peerstack.sfu.recorder.SfuRecordingFormat;

/**
 * {@code record --passthrough}: the {@link PassthroughRecordBot} in an SFU room ({@code --sfu}, over
 * signaling) or on a WHEP endpoint ({@code --whep URL}), a status line every {@code --status-ms}, until
 * {@code --seconds} or Ctrl-C; then every file finished and printed as {@code [record] NAME -> PATH (...)}.
 */
final class PassthroughRun {

    private PassthroughRun() {
    }

    static int run(RoomMixin room, URI whep, Path output, SfuRecordingFormat format) {
        StopSignal stop = StopSignal.install();
        try (PassthroughRecordBot bot = new PassthroughRecordBot(output, whep != null ? "whep" : room.room, format)) {
            AutoCloseable session;
            if (whep != null) {
                String path = whep.getPath() == null ? "" : whep.getPath().replaceAll("/+$", "");
                String stream = path.substring(path.lastIndexOf('/') + 1);
                bot.streamNames(id -> stream.isEmpty() ? "whep" : stream);
                session = WhepPassthroughSession.play(bot.peer(), whep, room.token);
                System.out.printf("[record] playing %s over WHEP, passthrough (Ctrl-C to stop)%n", whep);
            } else {
                SfuPassthroughSignaling signaling = SfuPassthroughSignaling.join(room.options("record"), bot.peer()::answer);
                bot.streamNames(signaling::memberName);
                session = signaling;
                System.out.printf("[record] joined SFU room '%s' at %s as %s, passthrough (Ctrl-C to leave)%n", room.room,
                        room.server, signaling.selfId());
            }
            try (AutoCloseable s = session) {
                waitAndReport(bot, stop, room.duration(), room.statusInterval());
            }
            bot.close();
            for (String line : bot.results()) {
                System.out.println("[record] " + line);
            }
            System.out.println("[record] left, everything closed");
            return 0;
        } catch (PeerstackException e) {
            System.err.printf("[record] %s: %s%n", e.errorName(), e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.printf("[record] cannot create %s: %s%n", output, e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (Exception e) {
            System.err.printf("[record] %s%n", e);
            return 1;
        } finally {
            stop.cleaned();
        }
    }

    /** Until the time is up ({@code duration} zero: until Ctrl-C), a status line every {@code interval}. */
    private static void waitAndReport(PassthroughRecordBot bot, StopSignal stop, Duration duration, Duration interval)
            throws InterruptedException {
        long end = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        Duration step = interval.isZero() ? Duration.ofSeconds(1) : interval;
        while (System.nanoTime() < end) {
            long left = end == Long.MAX_VALUE ? step.toNanos() : Math.min(step.toNanos(), end - System.nanoTime());
            if (left <= 0 || stop.await(Duration.ofNanos(left))) {
                return;
            }
            if (!interval.isZero()) {
                System.out.println("[record passthrough] " + bot.status());
            }
        }
    }
}
