package org.peerstack.media;

import java.util.List;
import java.util.Objects;

/**
 * W3C Image Capture {@code PhotoCapabilities}: what {@link ImageCapture#takePhoto(PhotoSettings)} can do
 * for a track, from {@link ImageCapture#getPhotoCapabilities()}.
 *
 * <p>For peerstack's sources (fake, file, canvas, native and remote video) photos are taken from the
 * video frames: {@link #imageWidth()} and {@link #imageHeight()} go from 1 pixel up to the track's
 * current frame size (a photo may be scaled down, never up); no source has a flash
 * ({@link #fillLightMode()} is {@code [off]}) or red-eye reduction ({@link RedEyeReduction#NEVER}).
 *
 * @param redEyeReduction whether red-eye reduction exists and can be switched
 * @param imageHeight     photo heights the source can produce (pixels)
 * @param imageWidth      photo widths the source can produce (pixels)
 * @param fillLightMode   the flash modes the source supports
 */
public record PhotoCapabilities(RedEyeReduction redEyeReduction, MediaSettingsRange imageHeight,
                                MediaSettingsRange imageWidth, List<FillLightMode> fillLightMode) {

    /**
     * Checks the members and copies the list.
     *
     * @param redEyeReduction whether red-eye reduction exists and can be switched
     * @param imageHeight     photo heights the source can produce (pixels)
     * @param imageWidth      photo widths the source can produce (pixels)
     * @param fillLightMode   the flash modes the source supports
     * @throws NullPointerException if a member or an element of {@code fillLightMode} is null
     */
    public PhotoCapabilities {
        Objects.requireNonNull(redEyeReduction, "redEyeReduction");
        Objects.requireNonNull(imageHeight, "imageHeight");
        Objects.requireNonNull(imageWidth, "imageWidth");
        fillLightMode = List.copyOf(fillLightMode);
    }
}
