package org.peerstack.media;

/** W3C Image Capture {@code RedEyeReduction}: whether a source can reduce red eyes on photos. */
public enum RedEyeReduction {
    /** The source has no red-eye reduction. */
    NEVER("never"),
    /** The source always applies red-eye reduction. */
    ALWAYS("always"),
    /** The application may switch it with {@link PhotoSettings#redEyeReduction()}. */
    CONTROLLABLE("controllable");

    private final String token;

    RedEyeReduction(String token) {
        this.token = token;
    }

    /**
     * The W3C string value; also what {@link #toString()} returns.
     *
     * @return the token, e.g. {@code "never"}
     */
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return token;
    }
}
