package org.peerstack.media;

/** W3C Image Capture {@code FillLightMode}: how a flash or torch is used when a photo is taken. */
public enum FillLightMode {
    /** The device decides whether to fire the flash. */
    AUTO("auto"),
    /** No flash. */
    OFF("off"),
    /** The flash always fires. */
    FLASH("flash");

    private final String token;

    FillLightMode(String token) {
        this.token = token;
    }

    /**
     * The W3C string value; also what {@link #toString()} returns.
     *
     * @return the token, e.g. {@code "off"}
     */
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return token;
    }
}
