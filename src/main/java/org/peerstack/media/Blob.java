package org.peerstack.media;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * An immutable piece of binary data with a MIME type: the Java counterpart of the
 * <a href="https://www.w3.org/TR/FileAPI/#blob-section">File API's {@code Blob}</a>, as far as
 * {@link ImageCapture#takePhoto()} and MediaRecorder need it. The bytes are held on the Java heap.
 */
public final class Blob {

    private final byte[] data;
    private final String type;

    private Blob(byte[] data, String type) {
        this.data = data;
        this.type = type;
    }

    /** A blob holding a copy of {@code data}. */
    public static Blob of(byte[] data, String type) {
        return new Blob(Objects.requireNonNull(data, "data").clone(), Objects.requireNonNull(type, "type"));
    }

    /** Takes {@code data} without copying; the caller must not modify it afterwards. */
    static Blob wrap(byte[] data, String type) {
        return new Blob(data, type);
    }

    /** Length in bytes. */
    public long size() {
        return data.length;
    }

    /**
     * The blobs' bytes one after the other, like {@code new Blob(chunks, {type})}: concatenating every
     * chunk of a recording gives the whole file.
     */
    public static Blob concat(List<Blob> blobs, String type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Blob b : blobs) {
            out.write(b.data, 0, b.data.length);
        }
        return new Blob(out.toByteArray(), Objects.requireNonNull(type, "type"));
    }

    /** The MIME type, e.g. {@code image/png}. */
    public String type() {
        return type;
    }

    /** A copy of the bytes ({@code arrayBuffer()}). */
    public byte[] bytes() {
        return data.clone();
    }

    /** A stream over the bytes ({@code stream()}). */
    public InputStream stream() {
        return new ByteArrayInputStream(data);
    }

    /** Writes every byte to {@code out} (does not flush or close it). */
    public void writeTo(OutputStream out) throws IOException {
        out.write(data);
    }

    @Override
    public String toString() {
        return "Blob[" + data.length + " bytes, " + type + "]";
    }
}
