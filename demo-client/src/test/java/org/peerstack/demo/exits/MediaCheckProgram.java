package org.peerstack.demo.exits;

import java.nio.file.Path;
import org.peerstack.demo.MediaCheck;

/** Prints which ffprobe {@link MediaCheck} uses and its verdict on the file given. */
public final class MediaCheckProgram {

    private MediaCheckProgram() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ffprobe: " + MediaCheck.ffprobe().orElse("none"));
        System.out.println("check: " + MediaCheck.of(Path.of(args[0])));
    }
}
