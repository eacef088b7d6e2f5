/**
 * W3C <a href="https://www.w3.org/TR/mediacapture-streams/">Media Capture and Streams</a> in Java, plus
 * <a href="https://www.w3.org/TR/mediacapture-fromelement/">Media Capture from DOM Elements</a> for canvas capture
 * and <a href="https://www.w3.org/TR/image-capture/">MediaStream Image Capture</a> for still photos
 * ({@link org.peerstack.media.ImageCapture}, see {@code docs/image-capture.md}), and {@code getDisplayMedia} of
 * <a href="https://www.w3.org/TR/screen-capture/">Screen Capture</a>.
 *
 * <p>Same names and steps as the browser API, with Java idioms: promises are
 * {@link java.util.concurrent.CompletableFuture}s completed with typed exceptions under
 * {@link org.peerstack.exc.PeerstackException}; W3C string enums are Java enums with {@code token()};
 * attributes are {@code get}-less accessors; events use {@link org.peerstack.event}.
 * <pre>{@code
 * // const stream = await navigator.mediaDevices.getUserMedia({video: {width: 1280}});
 * try (MediaDevices devices = MediaDevices.create(PeerstackConfig.load())) {
 *     MediaStream stream = devices.getUserMedia(MediaStreamConstraints.newBuilder()
 *             .video(MediaTrackConstraints.newBuilder().width(1280).build()).build()).join();
 *     MediaStreamTrack track = stream.getVideoTracks().get(0);
 *     track.addEventListener(MediaStreamTrack.ENDED, e -> System.out.println("ended"));
 *     track.addVideoSink(frame -> System.out.println(frame.width() + "x" + frame.height()));
 * }
 * }</pre>
 *
 * <p>Sources and tracks: a {@link org.peerstack.media.MediaTrackSource} produces media (fake, file,
 * canvas, native, screen, remote); tracks are views on it (see {@code docs/media-capture.md}). Sinks
 * ({@link org.peerstack.media.VideoSink}, {@link org.peerstack.media.AudioSink}) are the equivalent of
 * attaching a stream to a media element.
 *
 * <p>Threads: sinks are called on the source's thread (a {@code peerstack-media-N} thread for local sources);
 * {@code MediaDevices} futures complete on its control thread; event listeners run on peerstack event threads. The
 * value types (constraints, settings, capabilities, {@code AudioData}, {@code Blob}) are immutable and may be
 * shared between threads; their builders may not.
 *
 * <p>Legacy names: {@code NavigatorUserMedia}/{@code NavigatorUserMediaError} (callback-style
 * {@code getUserMedia}) are not provided: the futures and typed exceptions replace them.
 * {@code MediaStreamEvent} ({@code onaddstream}) is not provided either: the peer connection's
 * {@code track} event replaces it. {@link org.peerstack.media.MediaStreamTrackEvent} is kept (it still
 * means something: {@code addtrack}/{@code removetrack}). The non-standard {@code active}/{@code inactive}
 * stream events are kept as Chromium still fires them.
 */
package org.peerstack.media;
