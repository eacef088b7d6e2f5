package org.peerstack.media;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * W3C {@code MediaTrackSupportedConstraints}: the constrainable properties peerstack understands.
 * A constraint on any other name is ignored, as the spec requires for unsupported constraints.
 */
public final class MediaTrackSupportedConstraints {

    static final MediaTrackSupportedConstraints ALL = new MediaTrackSupportedConstraints();

    private final Set<String> names;

    private MediaTrackSupportedConstraints() {
        Set<String> set = new LinkedHashSet<>();
        Arrays.stream(Constrainable.values()).forEach(c -> set.add(c.key));
        this.names = Set.copyOf(set);
    }

    /**
     * The supported names, the W3C dictionary member names.
     *
     * @return an immutable set, e.g. {@code "width"}, {@code "echoCancellation"}
     */
    public Set<String> names() {
        return names;
    }

    /**
     * Whether a constraint name is supported (the W3C dictionary member is {@code true}).
     *
     * @param name a W3C dictionary member name such as {@code "frameRate"} (case-sensitive)
     * @return true if supported
     */
    public boolean isSupported(String name) {
        return names.contains(name);
    }

    @Override
    public String toString() {
        return "MediaTrackSupportedConstraints" + names;
    }
}
