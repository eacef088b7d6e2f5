package org.peerstack.internal.media;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.peerstack.exc.EncodingException;
import org.peerstack.exc.NotReadableException;
import org.peerstack.internal.natives.VideoFrameAccess;
import org.peerstack.media.VideoFrame;

/**
 * Turns I420 video frames into Java 2D images and images into PNG or JPEG bytes, for
 * {@code ImageCapture}: libyuv (webrtc-java's {@code VideoBufferConverter}) converts to ARGB, the
 * bytes go straight into the image's {@code int} raster; {@code javax.imageio} encodes (no FFmpeg).
 */
public final class FrameImages {

    /** MIME type of PNG photos. */
    public static final String PNG = "image/png";
    /** MIME type of JPEG photos. */
    public static final String JPEG = "image/jpeg";

    private FrameImages() {
    }

    /**
     * A new {@code TYPE_INT_RGB} image with the frame's pixels.
     *
     * @throws NotReadableException if libyuv rejects the frame
     */
    public static BufferedImage toImage(VideoFrame frame) {
        int w = frame.width();
        int h = frame.height();
        ByteBuffer argb = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.LITTLE_ENDIAN);
        try {
            VideoBufferConverter.convertFromI420(VideoFrameAccess.nativeFrame(frame).buffer, argb, FourCC.ARGB);
        } catch (Exception e) {
            throw new NotReadableException("I420 to ARGB conversion failed: " + e.getMessage(), e);
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        argb.clear();
        argb.asIntBuffer().get(pixels, 0, w * h);
        return image;
    }

    /** {@code image} scaled to {@code width}x{@code height} (bilinear), or itself if it has that size. */
    public static BufferedImage scale(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Encodes {@code image} as {@link #PNG} or {@link #JPEG} ({@code jpegQuality} 0..1).
     *
     * @throws EncodingException if no writer exists or encoding fails
     */
    public static byte[] encode(BufferedImage image, String type, float jpegQuality) {
        String format = JPEG.equals(type) ? "jpeg" : "png";
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new EncodingException("no " + format + " encoder in javax.imageio");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new EncodingException("encoding a " + format + " photo failed: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
