package org.peerstack.media;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * W3C Image Capture {@code PhotoSettings}: the settings of a photo. Given to
 * {@link ImageCapture#takePhoto(PhotoSettings)} every member is optional (absent means "as the source
 * is"); from {@link ImageCapture#getPhotoSettings()} every member is present.
 * <pre>{@code
 * // imageCapture.takePhoto({imageWidth: 640})
 * imageCapture.takePhoto(PhotoSettings.newBuilder().imageWidth(640).build());
 * }</pre>
 * When only one of {@code imageWidth}/{@code imageHeight} is given, the other follows the frame's
 * aspect ratio.
 */
public final class PhotoSettings {

    private static final PhotoSettings EMPTY = newBuilder().build();

    private final FillLightMode fillLightMode;
    private final Double imageHeight;
    private final Double imageWidth;
    private final Boolean redEyeReduction;

    private PhotoSettings(Builder b) {
        this.fillLightMode = b.fillLightMode;
        this.imageHeight = b.imageHeight;
        this.imageWidth = b.imageWidth;
        this.redEyeReduction = b.redEyeReduction;
    }

    /**
     * No member set ({@code {}}): a photo as the source is.
     *
     * @return the shared empty instance
     */
    public static PhotoSettings empty() {
        return EMPTY;
    }

    /**
     * A builder with no member set.
     *
     * @return a new builder
     */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * W3C {@code fillLightMode}: the flash mode for the photo.
     *
     * @return the mode, or empty if not set
     */
    public Optional<FillLightMode> fillLightMode() {
        return Optional.ofNullable(fillLightMode);
    }

    /**
     * W3C {@code imageHeight}: the height of the photo.
     *
     * @return the height (pixels), or empty if not set
     */
    public OptionalDouble imageHeight() {
        return imageHeight == null ? OptionalDouble.empty() : OptionalDouble.of(imageHeight);
    }

    /**
     * W3C {@code imageWidth}: the width of the photo.
     *
     * @return the width (pixels), or empty if not set
     */
    public OptionalDouble imageWidth() {
        return imageWidth == null ? OptionalDouble.empty() : OptionalDouble.of(imageWidth);
    }

    /**
     * W3C {@code redEyeReduction}: whether red-eye reduction is to be applied.
     *
     * @return the flag, or empty if not set
     */
    public Optional<Boolean> redEyeReduction() {
        return Optional.ofNullable(redEyeReduction);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhotoSettings p && java.util.Objects.equals(fillLightMode, p.fillLightMode)
                && java.util.Objects.equals(imageHeight, p.imageHeight)
                && java.util.Objects.equals(imageWidth, p.imageWidth)
                && java.util.Objects.equals(redEyeReduction, p.redEyeReduction);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(fillLightMode, imageHeight, imageWidth, redEyeReduction);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        if (fillLightMode != null) {
            s.append("fillLightMode: ").append(fillLightMode.token()).append(", ");
        }
        if (imageHeight != null) {
            s.append("imageHeight: ").append(imageHeight).append(", ");
        }
        if (imageWidth != null) {
            s.append("imageWidth: ").append(imageWidth).append(", ");
        }
        if (redEyeReduction != null) {
            s.append("redEyeReduction: ").append(redEyeReduction).append(", ");
        }
        if (s.length() > 1) {
            s.setLength(s.length() - 2);
        }
        return s.append('}').toString();
    }

    /** Builds {@link PhotoSettings}; unset members stay absent. */
    public static final class Builder {
        private FillLightMode fillLightMode;
        private Double imageHeight;
        private Double imageWidth;
        private Boolean redEyeReduction;

        private Builder() {
        }

        /**
         * Sets {@code fillLightMode}; anything but {@link FillLightMode#OFF} fails in {@code takePhoto} on
         * peerstack's sources.
         *
         * @param mode the flash mode
         * @return this builder
         * @throws NullPointerException if {@code mode} is null
         */
        public Builder fillLightMode(FillLightMode mode) {
            this.fillLightMode = java.util.Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets {@code imageHeight}; checked against the capabilities by {@code takePhoto}.
         *
         * @param pixels the photo height (pixels)
         * @return this builder
         */
        public Builder imageHeight(double pixels) {
            this.imageHeight = pixels;
            return this;
        }

        /**
         * Sets {@code imageWidth}; checked against the capabilities by {@code takePhoto}.
         *
         * @param pixels the photo width (pixels)
         * @return this builder
         */
        public Builder imageWidth(double pixels) {
            this.imageWidth = pixels;
            return this;
        }

        /**
         * Sets {@code redEyeReduction}; {@code true} fails in {@code takePhoto} on peerstack's sources.
         *
         * @param on whether to apply red-eye reduction
         * @return this builder
         */
        public Builder redEyeReduction(boolean on) {
            this.redEyeReduction = on;
            return this;
        }

        /**
         * Builds the immutable settings.
         *
         * @return the settings
         */
        public PhotoSettings build() {
            return new PhotoSettings(this);
        }
    }
}
