package org.peerstack.media;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.NotSupportedException;
import org.peerstack.exc.OperationException;
import org.peerstack.exc.OverconstrainedException;
import org.peerstack.exc.PeerstackException;
import org.peerstack.exc.TypeException;
import org.peerstack.internal.media.FrameImages;

/**
 * W3C <a href="https://www.w3.org/TR/image-capture/">Image Capture</a> {@code ImageCapture}: still
 * images from a video track.
 * <pre>{@code
 * // const imageCapture = new ImageCapture(stream.getVideoTracks()[0]);
 * ImageCapture imageCapture = new ImageCapture(stream.getVideoTracks().get(0));
 * // const bitmap = await imageCapture.grabFrame();
 * BufferedImage bitmap = imageCapture.grabFrame().join();
 * // const blob = await imageCapture.takePhoto();
 * Blob blob = imageCapture.takePhoto().join();
 * }</pre>
 *
 * <p>Both take the next frame the track delivers (so a disabled track gives a black picture, as in
 * browsers); a canvas track is asked for a frame with {@code requestFrame()}. {@link #takePhoto()}
 * encodes a PNG; {@link #takePhoto(PhotoSettings, String)} can also encode JPEG (a peerstack extension:
 * the spec lets the user agent choose). Photos can be scaled down ({@code imageWidth}/{@code imageHeight}
 * within {@link #getPhotoCapabilities()}); peerstack's sources have no flash or red-eye reduction.
 *
 * <p>Errors, as the spec names them: an audio track is {@link NotSupportedException}; any call on an
 * ended track completes with {@link InvalidStateException}; a track that ends while a frame is awaited,
 * or that delivers no frame within the frame timeout ({@link #DEFAULT_FRAME_TIMEOUT}), gives
 * {@link OperationException}; photo settings outside the capabilities give
 * {@link OverconstrainedException} naming the member.
 *
 * <p><b>Threads:</b> frames are converted and encoded on one daemon thread shared by all image
 * captures ({@code peerstack-image-capture}); futures complete there. The track's source thread only
 * retains the frame.
 */
public final class ImageCapture {

    /** How long a grab waits for the track's next frame unless given otherwise. */
    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(5);
    /** {@code takePhoto()}'s default type. */
    public static final String PNG = FrameImages.PNG;
    /** The other photo type. */
    public static final String JPEG = FrameImages.JPEG;
    /** JPEG quality (0..1) of photos, as browsers use for {@code canvas.toBlob("image/jpeg")}. */
    public static final float JPEG_QUALITY = 0.92f;
    /** How often a pending grab checks whether its track ended (milliseconds). */
    static final long END_CHECK_MS = 20;

    private static final ScheduledThreadPoolExecutor WORKER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "peerstack-image-capture");
        t.setDaemon(true);
        return t;
    });

    static {
        WORKER.setRemoveOnCancelPolicy(true);
    }

    private final MediaStreamTrack track;
    private final Duration frameTimeout;

    /**
     * Captures from {@code videoTrack} with {@link #DEFAULT_FRAME_TIMEOUT}
     * (<a href="https://www.w3.org/TR/image-capture/#dom-imagecapture-imagecapture">spec</a>).
     *
     * @param videoTrack the track photos come from; it may be ended (calls then fail)
     * @throws TypeException         if {@code videoTrack} is null
     * @throws NotSupportedException if it is an audio track (the spec's NotSupportedError)
     */
    public ImageCapture(MediaStreamTrack videoTrack) {
        this(videoTrack, DEFAULT_FRAME_TIMEOUT);
    }

    /**
     * Captures from {@code videoTrack}, waiting at most {@code frameTimeout} for a frame.
     *
     * @param videoTrack the track photos come from
     * @param frameTimeout how long each call waits for the track's next frame; positive
     * @throws TypeException         if an argument is null or the timeout is not positive
     * @throws NotSupportedException if it is an audio track
     */
    public ImageCapture(MediaStreamTrack videoTrack, Duration frameTimeout) {
        if (videoTrack == null) {
            throw new TypeException("ImageCapture needs a video track (got null)");
        }
        if (videoTrack.kind() != MediaKind.VIDEO) {
            throw new NotSupportedException("ImageCapture needs a video track, this one is " + videoTrack.kind());
        }
        if (frameTimeout == null || frameTimeout.isNegative() || frameTimeout.isZero()) {
            throw new TypeException("frameTimeout must be positive (got " + frameTimeout + ")");
        }
        this.track = videoTrack;
        this.frameTimeout = frameTimeout;
    }

    /**
     * The track photos come from: the spec's {@code track} attribute
     * (<a href="https://www.w3.org/TR/image-capture/#dom-imagecapture-track">spec</a>).
     *
     * @return the track given to the constructor
     */
    public MediaStreamTrack track() {
        return track;
    }

    /**
     * W3C {@code grabFrame()} (<a href="https://www.w3.org/TR/image-capture/#dom-imagecapture-grabframe">spec</a>):
     * the track's next frame as an RGB image of the frame's size (the Java counterpart of an {@code ImageBitmap}).
     *
     * @return completes on the image-capture thread with a new {@code TYPE_INT_RGB} image; fails with
     *     {@link InvalidStateException} on an ended track, {@link OperationException} if the track ends or delivers
     *     no frame within the frame timeout
     */
    public CompletableFuture<BufferedImage> grabFrame() {
        if (ended()) {
            return endedFailure("grabFrame");
        }
        return withNextFrame(FrameImages::toImage);
    }

    /**
     * W3C {@code takePhoto()} (<a href="https://www.w3.org/TR/image-capture/#dom-imagecapture-takephoto">spec</a>):
     * a PNG photo of the next frame at the frame's size.
     *
     * @return completes with a blob of type {@link #PNG}; fails as {@link #grabFrame()}
     */
    public CompletableFuture<Blob> takePhoto() {
        return takePhoto(PhotoSettings.empty(), PNG);
    }

    /**
     * A PNG photo with {@code settings} ({@code takePhoto(photoSettings)}).
     *
     * @param settings the photo settings; members left out take the values of {@link #getPhotoSettings()}
     * @return as {@link #takePhoto(PhotoSettings, String)} with {@link #PNG}
     */
    public CompletableFuture<Blob> takePhoto(PhotoSettings settings) {
        return takePhoto(settings, PNG);
    }

    /**
     * A photo with {@code settings}, encoded as {@code type} ({@link #PNG} or {@link #JPEG}).
     * Completes with {@link NotSupportedException} for another type, {@link OverconstrainedException} for
     * settings outside {@link #getPhotoCapabilities()}.
     *
     * @param settings the photo settings, e.g. a smaller {@code imageWidth} to scale down
     * @param type {@link #PNG} or {@link #JPEG} (quality {@value #JPEG_QUALITY})
     * @return completes on the image-capture thread with a blob of {@code type}; fails with {@link TypeException}
     *     for null settings, {@link NotSupportedException}, {@link OverconstrainedException}, or as
     *     {@link #grabFrame()}
     */
    public CompletableFuture<Blob> takePhoto(PhotoSettings settings, String type) {
        if (settings == null) {
            return CompletableFuture.failedFuture(new TypeException("photoSettings must not be null"));
        }
        if (!PNG.equals(type) && !JPEG.equals(type)) {
            return CompletableFuture.failedFuture(new NotSupportedException("photos can be " + PNG + " or " + JPEG
                    + ", not " + type));
        }
        if (ended()) {
            return endedFailure("takePhoto");
        }
        return withNextFrame(frame -> {
            BufferedImage image = FrameImages.toImage(frame);
            int[] size = photoSize(settings, image.getWidth(), image.getHeight());
            BufferedImage scaled = FrameImages.scale(image, size[0], size[1]);
            return Blob.wrap(FrameImages.encode(scaled, type, JPEG_QUALITY), type);
        });
    }

    /**
     * W3C {@code getPhotoCapabilities()}
     * (<a href="https://www.w3.org/TR/image-capture/#dom-imagecapture-getphotocapabilities">spec</a>): the photo
     * settings the track supports: any size from 1 up to the frame size, no flash, no red-eye reduction. Waits for
     * a frame to learn its size.
     *
     * @return completes with the capabilities; fails as {@link #grabFrame()}
     */
    public CompletableFuture<PhotoCapabilities> getPhotoCapabilities() {
        if (ended()) {
            return endedFailure("getPhotoCapabilities");
        }
        return frameSize().thenApply(size -> new PhotoCapabilities(RedEyeReduction.NEVER,
                new MediaSettingsRange(size[1], 1, 1), new MediaSettingsRange(size[0], 1, 1),
                List.of(FillLightMode.OFF)));
    }

    /**
     * W3C {@code getPhotoSettings()}
     * (<a href="https://www.w3.org/TR/image-capture/#dom-imagecapture-getphotosettings">spec</a>): the settings a
     * {@code takePhoto()} without settings uses: the frame size, no flash, no red-eye reduction. Waits for a frame
     * to learn its size.
     *
     * @return completes with the settings; fails as {@link #grabFrame()}
     */
    public CompletableFuture<PhotoSettings> getPhotoSettings() {
        if (ended()) {
            return endedFailure("getPhotoSettings");
        }
        return frameSize().thenApply(size -> PhotoSettings.newBuilder().imageWidth(size[0]).imageHeight(size[1])
                .fillLightMode(FillLightMode.OFF).redEyeReduction(false).build());
    }

    /**
     * The photo size for {@code settings} on a frame of {@code width}x{@code height}.
     *
     * @throws OverconstrainedException naming the member that is out of range
     */
    static int[] photoSize(PhotoSettings settings, int width, int height) {
        if (settings.fillLightMode().isPresent() && settings.fillLightMode().get() != FillLightMode.OFF) {
            throw new OverconstrainedException("fillLightMode", "the source has no flash (fillLightMode "
                    + settings.fillLightMode().get().token() + ")");
        }
        if (settings.redEyeReduction().orElse(false)) {
            throw new OverconstrainedException("redEyeReduction", "the source has no red-eye reduction");
        }
        double w = settings.imageWidth().orElse(Double.NaN);
        double h = settings.imageHeight().orElse(Double.NaN);
        check("imageWidth", w, width);
        check("imageHeight", h, height);
        if (Double.isNaN(w) && Double.isNaN(h)) {
            return new int[] {width, height};
        }
        if (Double.isNaN(w)) {
            w = Math.max(1, h * width / height);
        } else if (Double.isNaN(h)) {
            h = Math.max(1, w * height / width);
        }
        return new int[] {(int) Math.round(w), (int) Math.round(h)};
    }

    private static void check(String member, double value, int max) {
        if (!Double.isNaN(value) && !(value >= 1 && value <= max)) {
            throw new OverconstrainedException(member, member + " must be within 1.." + max + " (got " + value + ")");
        }
    }

    private boolean ended() {
        return track.readyState() == MediaStreamTrackState.ENDED;
    }

    private <T> CompletableFuture<T> endedFailure(String method) {
        return CompletableFuture.failedFuture(new InvalidStateException(method + ": the track has ended"));
    }

    /** Width and height: from the track's settings when it has them, else from its next frame. */
    private CompletableFuture<int[]> frameSize() {
        MediaTrackSettings s = track.getSettings();
        if (s.width().isPresent() && s.height().isPresent()) {
            return CompletableFuture.completedFuture(new int[] {s.width().getAsInt(), s.height().getAsInt()});
        }
        return withNextFrame(frame -> new int[] {frame.width(), frame.height()});
    }

    /** Applies {@code work} to the track's next frame on the worker thread, then releases the frame. */
    private <T> CompletableFuture<T> withNextFrame(Function<VideoFrame, T> work) {
        return nextFrame().thenApplyAsync(frame -> {
            try {
                return work.apply(frame);
            } finally {
                frame.release();
            }
        }, WORKER);
    }

    /** The next frame of the track, retained. */
    private CompletableFuture<VideoFrame> nextFrame() {
        FrameGrab grab = new FrameGrab();
        long deadline = System.nanoTime() + frameTimeout.toNanos();
        grab.checker = WORKER.scheduleWithFixedDelay(() -> {
            if (grab.done.get()) {
                grab.finish();
            } else if (ended()) {
                grab.fail(new OperationException(null, "the track ended before a frame arrived"));
            } else if (System.nanoTime() - deadline > 0) {
                grab.fail(new OperationException(null, "the track delivered no frame within "
                        + frameTimeout.toMillis() + " ms" + (track.isMuted() ? " (it is muted)" : "")));
            }
        }, END_CHECK_MS, END_CHECK_MS, TimeUnit.MILLISECONDS);
        track.addVideoSink(grab);
        if (track instanceof CanvasCaptureMediaStreamTrack canvas) {
            canvas.requestFrame();
        }
        return grab.result;
    }

    /** A one-shot sink: keeps the first frame it sees. The future's consumer releases the frame. */
    private final class FrameGrab implements VideoSink {
        final CompletableFuture<VideoFrame> result = new CompletableFuture<>();
        final AtomicBoolean done = new AtomicBoolean();
        volatile ScheduledFuture<?> checker;

        @Override
        public void onFrame(VideoFrame frame) {
            if (done.compareAndSet(false, true)) {
                finish();
                result.complete(frame.retain());
            }
        }

        void fail(PeerstackException e) {
            if (done.compareAndSet(false, true)) {
                finish();
                result.completeExceptionally(e);
            }
        }

        void finish() {
            track.removeSink(this);
            ScheduledFuture<?> c = checker;
            if (c != null) {
                c.cancel(false);
            }
        }
    }
}
