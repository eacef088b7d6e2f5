package org.peerstack.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.NotSupportedException;
import org.peerstack.exc.OperationException;
import org.peerstack.exc.OverconstrainedException;
import org.peerstack.exc.TypeException;
import org.peerstack.testing.ManualSource;
import org.peerstack.testing.TestMedia;

/** W3C Image Capture on canvas, fake-camera and test-driven tracks. */
class ImageCaptureTest {

    private MediaDevices devices;

    @AfterEach
    void tearDown() {
        if (devices != null) {
            devices.close();
        }
    }

    /** A 64x48 canvas track (frames on request): left half red, right half blue. */
    private static MediaStreamTrack redBlueCanvas() {
        MediaCanvas canvas = new MediaCanvas(64, 48);
        canvas.draw(g -> {
            g.setColor(Color.RED);
            g.fillRect(0, 0, 32, 48);
            g.setColor(Color.BLUE);
            g.fillRect(32, 0, 32, 48);
        });
        return canvas.captureStream(0).getVideoTracks().get(0);
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        return assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS)).cause().actual();
    }

    private static void assertRed(int rgb) {
        Color c = new Color(rgb);
        assertThat(c.getRed()).as("red of %s", c).isGreaterThan(200);
        assertThat(c.getGreen()).as("green of %s", c).isLessThan(60);
        assertThat(c.getBlue()).as("blue of %s", c).isLessThan(60);
    }

    private static void assertBlue(int rgb) {
        Color c = new Color(rgb);
        assertThat(c.getBlue()).as("blue of %s", c).isGreaterThan(200);
        assertThat(c.getRed()).as("red of %s", c).isLessThan(60);
        assertThat(c.getGreen()).as("green of %s", c).isLessThan(60);
    }

    @Test
    void grabFrameGivesTheCanvasPictureAtItsSize() throws Exception {
        MediaStreamTrack track = redBlueCanvas();
        BufferedImage image = await(new ImageCapture(track).grabFrame());
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
        assertRed(image.getRGB(8, 24));
        assertBlue(image.getRGB(56, 24));
        track.stop();
    }

    @Test
    void takePhotoGivesAPngThatDecodesToTheCanvasPicture() throws Exception {
        MediaStreamTrack track = redBlueCanvas();
        Blob blob = await(new ImageCapture(track).takePhoto());
        assertThat(blob.type()).isEqualTo("image/png");
        byte[] bytes = blob.bytes();
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage decoded = ImageIO.read(blob.stream());
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(48);
        assertRed(decoded.getRGB(8, 24));
        assertBlue(decoded.getRGB(56, 24));
        track.stop();
    }

    @Test
    void takePhotoCanEncodeJpegAndScaleDownKeepingTheAspectRatio() throws Exception {
        MediaStreamTrack track = redBlueCanvas();
        Blob blob = await(new ImageCapture(track).takePhoto(PhotoSettings.newBuilder().imageWidth(32).build(),
                ImageCapture.JPEG));
        assertThat(blob.type()).isEqualTo("image/jpeg");
        assertThat(blob.bytes()).startsWith(0xFF, 0xD8);
        BufferedImage decoded = ImageIO.read(blob.stream());
        assertThat(decoded.getWidth()).isEqualTo(32);
        assertThat(decoded.getHeight()).isEqualTo(24);
        assertRed(decoded.getRGB(4, 12));
        assertBlue(decoded.getRGB(28, 12));
        track.stop();
    }

    @Test
    void aDisabledTrackGivesABlackPicture() throws Exception {
        MediaStreamTrack track = redBlueCanvas();
        track.setEnabled(false);
        BufferedImage image = await(new ImageCapture(track).grabFrame());
        Color c = new Color(image.getRGB(8, 24));
        assertThat(c.getRed() + c.getGreen() + c.getBlue()).isLessThan(30);
        track.stop();
    }

    @Test
    void theFakeCameraGivesFramesAtItsSettingsAndTheyMove() throws Exception {
        devices = TestMedia.fakeDevices();
        MediaStreamTrack track = await(devices.getUserMedia(MediaStreamConstraints.of(false, true)))
                .getVideoTracks().get(0);
        ImageCapture capture = new ImageCapture(track);
        int width = track.getSettings().width().getAsInt();
        int height = track.getSettings().height().getAsInt();

        BufferedImage first = await(capture.grabFrame());
        Thread.sleep(100);
        BufferedImage second = await(capture.grabFrame());
        assertThat(first.getWidth()).isEqualTo(width);
        assertThat(first.getHeight()).isEqualTo(height);
        assertThat(differentPixels(first, second)).as("the pattern moves between frames").isGreaterThan(100);

        PhotoCapabilities caps = await(capture.getPhotoCapabilities());
        assertThat(caps.imageWidth()).isEqualTo(new MediaSettingsRange(width, 1, 1));
        assertThat(caps.imageHeight()).isEqualTo(new MediaSettingsRange(height, 1, 1));
        assertThat(caps.fillLightMode()).containsExactly(FillLightMode.OFF);
        assertThat(caps.redEyeReduction()).isEqualTo(RedEyeReduction.NEVER);
        PhotoSettings settings = await(capture.getPhotoSettings());
        assertThat(settings.imageWidth()).hasValue(width);
        assertThat(settings.imageHeight()).hasValue(height);
        assertThat(settings.fillLightMode()).hasValue(FillLightMode.OFF);
        assertThat(settings.redEyeReduction()).hasValue(false);

        Blob photo = await(capture.takePhoto(PhotoSettings.newBuilder().imageHeight(height / 2).build()));
        BufferedImage decoded = ImageIO.read(photo.stream());
        assertThat(decoded.getWidth()).isEqualTo(width / 2);
        assertThat(decoded.getHeight()).isEqualTo(height / 2);
        track.stop();
    }

    private static int differentPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y += 4) {
            for (int x = 0; x < a.getWidth(); x += 4) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void anAudioTrackIsNotSupportedAndNullIsATypeError() {
        ManualSource audio = ManualSource.started(MediaKind.AUDIO);
        assertThatThrownBy(() -> new ImageCapture(audio.createTrack())).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> new ImageCapture(null)).isInstanceOf(TypeException.class);
    }

    @Test
    void everyCallOnAnEndedTrackIsAnInvalidStateError() {
        MediaStreamTrack track = redBlueCanvas();
        ImageCapture capture = new ImageCapture(track);
        track.stop();
        for (CompletableFuture<?> f : List.of(capture.grabFrame(), capture.takePhoto(),
                capture.getPhotoCapabilities(), capture.getPhotoSettings())) {
            assertThat(failure(f)).isInstanceOf(InvalidStateException.class);
        }
    }

    @Test
    void aTrackThatEndsWhileAFrameIsAwaitedGivesAnOperationError() throws Exception {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        MediaStreamTrack track = source.createTrack();
        CompletableFuture<BufferedImage> grab = new ImageCapture(track).grabFrame();
        Thread.sleep(50);
        assertThat(grab).isNotDone();
        track.stop();
        assertThat(failure(grab)).isInstanceOf(OperationException.class).hasMessageContaining("ended");
    }

    @Test
    void aTrackThatDeliversNothingTimesOutWithAnOperationError() {
        MediaStreamTrack track = ManualSource.started(MediaKind.VIDEO).createTrack();
        long start = System.nanoTime();
        CompletableFuture<Blob> photo = new ImageCapture(track, Duration.ofMillis(200)).takePhoto();
        assertThat(failure(photo)).isInstanceOf(OperationException.class).hasMessageContaining("200 ms");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        track.stop();
    }

    @Test
    void aFrameFromATestDrivenSourceCompletesAPendingGrab() throws Exception {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        MediaStreamTrack track = source.createTrack();
        CompletableFuture<BufferedImage> grab = new ImageCapture(track).grabFrame();
        source.pushFrame();
        BufferedImage image = await(grab);
        assertThat(image.getWidth()).isEqualTo(16);
        Color grey = new Color(image.getRGB(8, 8));
        assertThat(grey.getRed()).isBetween(120, 140);
        assertThat(grey.getGreen()).isBetween(120, 140);
        track.stop();
    }

    @Test
    void settingsOutsideTheCapabilitiesAreOverconstrainedAndAnUnknownTypeIsNotSupported() {
        MediaStreamTrack track = redBlueCanvas();
        ImageCapture capture = new ImageCapture(track);
        assertThat(failure(capture.takePhoto(PhotoSettings.newBuilder().imageWidth(65).build())))
                .isInstanceOfSatisfying(OverconstrainedException.class,
                        e -> assertThat(e.constraint()).isEqualTo("imageWidth"));
        assertThat(failure(capture.takePhoto(PhotoSettings.newBuilder().imageHeight(0).build())))
                .isInstanceOfSatisfying(OverconstrainedException.class,
                        e -> assertThat(e.constraint()).isEqualTo("imageHeight"));
        assertThat(failure(capture.takePhoto(PhotoSettings.newBuilder().fillLightMode(FillLightMode.FLASH).build())))
                .isInstanceOfSatisfying(OverconstrainedException.class,
                        e -> assertThat(e.constraint()).isEqualTo("fillLightMode"));
        assertThat(failure(capture.takePhoto(PhotoSettings.newBuilder().redEyeReduction(true).build())))
                .isInstanceOfSatisfying(OverconstrainedException.class,
                        e -> assertThat(e.constraint()).isEqualTo("redEyeReduction"));
        assertThat(failure(capture.takePhoto(PhotoSettings.empty(), "image/gif")))
                .isInstanceOf(NotSupportedException.class);
        track.stop();
    }
}
