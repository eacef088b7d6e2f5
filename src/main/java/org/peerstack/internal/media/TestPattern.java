package org.peerstack.internal.media;

import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Draws the fake camera's picture straight into I420 planes (no colour conversion): colour bars in the
 * chroma planes, diagonal luma stripes that move one step per frame, a white box sweeping across, and
 * the frame counter and timestamp as large digits. Every write is a bulk row copy, so a 1280x720 frame
 * costs a few memcpy's of its size.
 */
final class TestPattern {

    /** Pixels per font cell of the digits. */
    static final int DIGIT_SCALE = 6;
    private static final int STRIPE_PERIOD = 64;
    /** 3x5 bitmap digits, one row per 3 bits. */
    private static final int[][] FONT = {
        {7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7}, {5, 5, 7, 1, 1},
        {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 2, 2, 2}, {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7},
    };

    final int width;
    final int height;
    private final byte[] stripes;
    private final byte[] planeU;
    private final byte[] planeV;
    private final byte[] white;
    private final byte[] black;

    TestPattern(int width, int height) {
        this.width = width;
        this.height = height;
        stripes = new byte[width + STRIPE_PERIOD];
        for (int x = 0; x < stripes.length; x++) {
            stripes[x] = (byte) (48 + (x % STRIPE_PERIOD) * 2);
        }
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        planeU = new byte[cw * ch];
        planeV = new byte[cw * ch];
        int[][] bars = {{128, 128}, {44, 142}, {156, 44}, {72, 58}, {184, 198}, {100, 212}, {212, 114}, {128, 128}};
        byte[] rowU = new byte[cw];
        byte[] rowV = new byte[cw];
        for (int x = 0; x < cw; x++) {
            int[] bar = bars[Math.min(bars.length - 1, x * bars.length / cw)];
            rowU[x] = (byte) bar[0];
            rowV[x] = (byte) bar[1];
        }
        for (int y = 0; y < ch; y++) {
            System.arraycopy(rowU, 0, planeU, y * cw, cw);
            System.arraycopy(rowV, 0, planeV, y * cw, cw);
        }
        white = new byte[width];
        Arrays.fill(white, (byte) 235);
        black = new byte[width];
        Arrays.fill(black, (byte) 16);
    }

    /** Fills {@code buffer} (of this pattern's size) with frame number {@code frame} at {@code millis}. */
    void draw(NativeI420Buffer buffer, long frame, long millis) {
        ByteBuffer y = buffer.getDataY();
        int strideY = buffer.getStrideY();
        int shift = (int) (frame % STRIPE_PERIOD);
        for (int row = 0; row < height; row++) {
            y.put(row * strideY, stripes, (shift + row) % STRIPE_PERIOD, width);
        }
        copyPlane(buffer.getDataU(), buffer.getStrideU(), planeU);
        copyPlane(buffer.getDataV(), buffer.getStrideV(), planeV);
        int box = Math.max(2, Math.min(width, height) / 8);
        int boxX = (int) ((frame * 4) % Math.max(1, width - box));
        int boxY = height / 2 - box / 2;
        for (int row = Math.max(0, boxY); row < Math.min(height, boxY + box); row++) {
            y.put(row * strideY + boxX, white, 0, Math.min(box, width - boxX));
        }
        drawNumber(y, strideY, 8, 8, frame);
        drawNumber(y, strideY, 8, 8 + 7 * DIGIT_SCALE, millis);
    }

    private void copyPlane(ByteBuffer plane, int stride, byte[] source) {
        int cw = (width + 1) / 2;
        if (stride == cw) {
            plane.put(0, source, 0, source.length);
            return;
        }
        for (int row = 0; row < (height + 1) / 2; row++) {
            plane.put(row * stride, source, row * cw, cw);
        }
    }

    private void drawNumber(ByteBuffer y, int stride, int left, int top, long value) {
        String digits = Long.toString(Math.max(0, value));
        int x = left;
        for (int i = 0; i < digits.length(); i++) {
            int[] glyph = FONT[digits.charAt(i) - '0'];
            for (int gy = 0; gy < 5; gy++) {
                for (int gx = 0; gx < 3; gx++) {
                    byte[] ink = (glyph[gy] >> (2 - gx) & 1) == 1 ? white : black;
                    int px = x + gx * DIGIT_SCALE;
                    for (int dy = 0; dy < DIGIT_SCALE; dy++) {
                        int py = top + gy * DIGIT_SCALE + dy;
                        if (py < height && px < width) {
                            y.put(py * stride + px, ink, 0, Math.min(DIGIT_SCALE, width - px));
                        }
                    }
                }
            }
            x += 4 * DIGIT_SCALE;
        }
    }
}
