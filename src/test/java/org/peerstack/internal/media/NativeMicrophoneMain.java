package org.peerstack.internal.media;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.AudioData;
import org.peerstack.media.MediaDeviceInfo;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.testing.MediaFiles;

/**
 * Runs in a child JVM for {@link NativeMicrophoneTest}, whose environment names the test's private
 * PulseAudio daemon ({@code PULSE_SERVER}: libpulse reads the process environment, which a running JVM
 * cannot change). Reads commands on stdin, answers on stdout, one line each:
 * <ul>
 *   <li>{@code list} → {@code devices N}, then {@code device KIND LABEL} per device;</li>
 *   <li>{@code listen} → {@code listening}; later {@code devicechange} per event;</li>
 *   <li>{@code capture MS} → {@code captured RATE CHANNELS FREQUENCY RMS CHUNKS SETTINGS_RATE LABEL} (channel 0 of
 *       the second half of MS milliseconds of the default microphone);</li>
 *   <li>{@code quit}.</li>
 * </ul>
 */
public final class NativeMicrophoneMain {

    private NativeMicrophoneMain() {
    }

    public static void main(String[] args) throws Exception {
        PeerstackConfig base = PeerstackConfig.load();
        PeerstackConfig config = base.withMedia(base.media().withFakeDevices(false).withDevicePollMs(200));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (MediaDevices devices = MediaDevices.create(config, System.getenv())) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] cmd = line.trim().split(" ");
                switch (cmd[0]) {
                    case "list" -> {
                        List<MediaDeviceInfo> list = devices.enumerateDevices().get(30, TimeUnit.SECONDS);
                        say("devices " + list.size());
                        list.forEach(d -> say("device " + d.kind().token() + " " + d.label()));
                    }
                    case "listen" -> {
                        devices.addEventListener(MediaDevices.DEVICE_CHANGE, e -> say("devicechange"));
                        say("listening");
                    }
                    case "capture" -> capture(devices, Integer.parseInt(cmd[1]));
                    case "quit" -> {
                        return;
                    }
                    default -> say("unknown " + line);
                }
            }
        }
    }

    private static void capture(MediaDevices devices, int ms) throws Exception {
        MediaStreamTrack track = devices.getUserMedia(MediaStreamConstraints.of(true, false)).get(30, TimeUnit.SECONDS)
                .getAudioTracks().get(0);
        List<AudioData> chunks = java.util.Collections.synchronizedList(new ArrayList<>());
        track.addAudioSink(chunks::add);
        Thread.sleep(ms);
        int settingsRate = track.getSettings().sampleRate().orElse(-1);
        track.stop();
        List<AudioData> copy;
        synchronized (chunks) {
            copy = List.copyOf(chunks.subList(chunks.size() / 2, chunks.size()));
        }
        if (copy.isEmpty()) {
            say("captured nothing");
            return;
        }
        AudioData first = copy.get(0);
        short[] samples = new short[copy.stream().mapToInt(AudioData::frameCount).sum()];
        int i = 0;
        for (AudioData c : copy) {
            for (int f = 0; f < c.frameCount(); f++) {
                samples[i++] = c.samples().get(f * c.channelCount());
            }
        }
        say(String.format(java.util.Locale.ROOT, "captured %d %d %.1f %.1f %d %d %s", first.sampleRate(),
                first.channelCount(), MediaFiles.frequency(samples, first.sampleRate()), MediaFiles.rms(samples),
                chunks.size(), settingsRate, track.label()));
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
