package org.peerstack.config;

import org.peerstack.exc.ConfigException;

/**
 * The {@code media:} section of {@code config/peerstack.yaml} (Media Capture and Streams).
 *
 * @param fakeDevices            replace real devices by a fake camera and microphone (like Chromium's
 *                               {@code --use-fake-device-for-media-stream})
 * @param fakeCameraWidth        fake camera default width (pixels)
 * @param fakeCameraHeight       fake camera default height (pixels)
 * @param fakeCameraFrameRate    fake camera default rate (frames per second)
 * @param fakeCameraMaxWidth     largest width the fake camera offers (pixels)
 * @param fakeCameraMaxHeight    largest height the fake camera offers (pixels)
 * @param fakeCameraMaxFrameRate highest rate the fake camera offers (frames per second)
 * @param fakeMicrophoneToneHz   frequency of the fake microphone's beep (Hz)
 * @param fakeMicrophoneBeepMs   length of each beep (milliseconds)
 * @param fakeMicrophonePeriodMs time from one beep to the next (milliseconds)
 * @param fileCamera             a media file whose video stream is played as a camera (any container
 *                               FFmpeg demuxes), empty for none (path)
 * @param fileMicrophone         a media file whose audio stream is played as a microphone, empty for none
 *                               (path); the same file as {@code fileCamera} plays both in sync
 * @param fileLoop               at end of file: true starts again, false ends the track ({@code ended})
 * @param nativeProbeTimeoutMs   longest wait for native device enumeration and the sound-server probe
 *                               (milliseconds)
 * @param screenCapture          allow {@code getDisplayMedia} when a display is reachable
 * @param devicePollMs           how often the device list is re-read for {@code devicechange} while a
 *                               listener is registered (milliseconds)
 */
public record MediaConfig(boolean fakeDevices, int fakeCameraWidth, int fakeCameraHeight, double fakeCameraFrameRate,
                          int fakeCameraMaxWidth, int fakeCameraMaxHeight, double fakeCameraMaxFrameRate,
                          int fakeMicrophoneToneHz, int fakeMicrophoneBeepMs, int fakeMicrophonePeriodMs,
                          String fileCamera, String fileMicrophone, boolean fileLoop, long nativeProbeTimeoutMs,
                          boolean screenCapture, long devicePollMs) {

    /** Shortest device poll interval accepted (milliseconds). */
    public static final long MIN_DEVICE_POLL_MS = 100;

    /** Largest frame side any peerstack source accepts (pixels). */
    public static final int MAX_FRAME_SIDE = 7680;
    /** Highest frame rate any peerstack source accepts (frames per second). */
    public static final double MAX_FRAME_RATE = 240;

    /**
     * Validates every value.
     *
     * @param fakeDevices            replace real devices by a fake camera and microphone (like Chromium's
     *     {@code --use-fake-device-for-media-stream})
     * @param fakeCameraWidth        fake camera default width (pixels)
     * @param fakeCameraHeight       fake camera default height (pixels)
     * @param fakeCameraFrameRate    fake camera default rate (frames per second)
     * @param fakeCameraMaxWidth     largest width the fake camera offers (pixels)
     * @param fakeCameraMaxHeight    largest height the fake camera offers (pixels)
     * @param fakeCameraMaxFrameRate highest rate the fake camera offers (frames per second)
     * @param fakeMicrophoneToneHz   frequency of the fake microphone's beep (Hz)
     * @param fakeMicrophoneBeepMs   length of each beep (milliseconds)
     * @param fakeMicrophonePeriodMs time from one beep to the next (milliseconds)
     * @param fileCamera             a media file whose video stream is played as a camera (any container
     *     FFmpeg demuxes), empty for none (path)
     * @param fileMicrophone         a media file whose audio stream is played as a microphone, empty for none
     *     (path); the same file as {@code fileCamera} plays both in sync
     * @param fileLoop               at end of file: true starts again, false ends the track ({@code ended})
     * @param nativeProbeTimeoutMs   longest wait for native device enumeration and the sound-server probe
     *     (milliseconds)
     * @param screenCapture          allow {@code getDisplayMedia} when a display is reachable
     * @param devicePollMs           how often the device list is re-read for {@code devicechange} while a
     *     listener is registered (milliseconds)
     * @throws ConfigException if a value is outside its documented range (the message names the YAML key)
     */
    public MediaConfig {
        if (fakeCameraMaxWidth < 2 || fakeCameraMaxWidth > MAX_FRAME_SIDE || fakeCameraMaxHeight < 2
                || fakeCameraMaxHeight > MAX_FRAME_SIDE) {
            throw new ConfigException("media.fake-camera-max-width/height must be within 2.." + MAX_FRAME_SIDE
                    + " (got " + fakeCameraMaxWidth + "x" + fakeCameraMaxHeight + ")");
        }
        if (fakeCameraWidth < 2 || fakeCameraWidth > fakeCameraMaxWidth || fakeCameraHeight < 2
                || fakeCameraHeight > fakeCameraMaxHeight) {
            throw new ConfigException("media.fake-camera-width/height must be within 2..max (got "
                    + fakeCameraWidth + "x" + fakeCameraHeight + ")");
        }
        if (!(fakeCameraMaxFrameRate > 0 && fakeCameraMaxFrameRate <= MAX_FRAME_RATE)) {
            throw new ConfigException("media.fake-camera-max-frame-rate must be within (0, " + MAX_FRAME_RATE
                    + "] (got " + fakeCameraMaxFrameRate + ")");
        }
        if (!(fakeCameraFrameRate > 0 && fakeCameraFrameRate <= fakeCameraMaxFrameRate)) {
            throw new ConfigException("media.fake-camera-frame-rate must be within (0, max] (got "
                    + fakeCameraFrameRate + ")");
        }
        if (fakeMicrophoneToneHz < 20 || fakeMicrophoneToneHz > 20_000) {
            throw new ConfigException("media.fake-microphone-tone-hz must be within 20..20000 (got "
                    + fakeMicrophoneToneHz + ")");
        }
        if (fakeMicrophoneBeepMs < 0 || fakeMicrophonePeriodMs <= 0 || fakeMicrophoneBeepMs > fakeMicrophonePeriodMs) {
            throw new ConfigException("media.fake-microphone-beep-ms must be within 0..period-ms and the period "
                    + "positive (got " + fakeMicrophoneBeepMs + "/" + fakeMicrophonePeriodMs + ")");
        }
        if (fileCamera == null || fileMicrophone == null) {
            throw new ConfigException("media.file-camera and media.file-microphone must be a path or \"\"");
        }
        if (devicePollMs < MIN_DEVICE_POLL_MS) {
            throw new ConfigException("media.device-poll-ms must be at least " + MIN_DEVICE_POLL_MS + " (got "
                    + devicePollMs + ")");
        }
        if (nativeProbeTimeoutMs <= 0) {
            throw new ConfigException("media.native-probe-timeout-ms must be positive (got " + nativeProbeTimeoutMs
                    + ")");
        }
    }

    /**
     * A copy with fake devices switched on or off, all other values unchanged (handy in tests:
     * {@code PeerstackConfig.load().media().withFakeDevices(true)}).
     *
     * @param on true to replace real devices by the fake camera and microphone
     * @return the new configuration
     */
    public MediaConfig withFakeDevices(boolean on) {
        return new MediaConfig(on, fakeCameraWidth, fakeCameraHeight, fakeCameraFrameRate, fakeCameraMaxWidth,
                fakeCameraMaxHeight, fakeCameraMaxFrameRate, fakeMicrophoneToneHz, fakeMicrophoneBeepMs,
                fakeMicrophonePeriodMs, fileCamera, fileMicrophone, fileLoop, nativeProbeTimeoutMs, screenCapture,
                devicePollMs);
    }

    /**
     * A copy with screen capture allowed or not, all other values unchanged.
     *
     * @param allowed whether {@code getDisplayMedia} may capture a reachable display
     * @return the new configuration
     */
    public MediaConfig withScreenCapture(boolean allowed) {
        return new MediaConfig(fakeDevices, fakeCameraWidth, fakeCameraHeight, fakeCameraFrameRate, fakeCameraMaxWidth,
                fakeCameraMaxHeight, fakeCameraMaxFrameRate, fakeMicrophoneToneHz, fakeMicrophoneBeepMs,
                fakeMicrophonePeriodMs, fileCamera, fileMicrophone, fileLoop, nativeProbeTimeoutMs, allowed,
                devicePollMs);
    }

    /**
     * A copy with another device poll interval, all other values unchanged.
     *
     * @param ms how often the device list is re-read for {@code devicechange} (milliseconds)
     * @return the new configuration
     * @throws ConfigException if {@code ms} is below {@link #MIN_DEVICE_POLL_MS}
     */
    public MediaConfig withDevicePollMs(long ms) {
        return new MediaConfig(fakeDevices, fakeCameraWidth, fakeCameraHeight, fakeCameraFrameRate, fakeCameraMaxWidth,
                fakeCameraMaxHeight, fakeCameraMaxFrameRate, fakeMicrophoneToneHz, fakeMicrophoneBeepMs,
                fakeMicrophonePeriodMs, fileCamera, fileMicrophone, fileLoop, nativeProbeTimeoutMs, screenCapture, ms);
    }

    /**
     * A copy with file-backed devices, all other values unchanged.
     *
     * @param camera a media file whose video stream plays as a camera, or {@code ""} for none
     * @param microphone a media file whose audio stream plays as a microphone, or {@code ""} for none
     * @param loop true to start again at end of file, false to end the tracks
     * @return the new configuration
     * @throws ConfigException if {@code camera} or {@code microphone} is null
     */
    public MediaConfig withFiles(String camera, String microphone, boolean loop) {
        return new MediaConfig(fakeDevices, fakeCameraWidth, fakeCameraHeight, fakeCameraFrameRate, fakeCameraMaxWidth,
                fakeCameraMaxHeight, fakeCameraMaxFrameRate, fakeMicrophoneToneHz, fakeMicrophoneBeepMs,
                fakeMicrophonePeriodMs, camera, microphone, loop, nativeProbeTimeoutMs, screenCapture, devicePollMs);
    }
}
