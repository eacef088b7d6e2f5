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

    /**
     * A blob holding a copy of {@code data}.
     *
     * @param data the bytes; copied, so the caller may reuse the array
     * @param type the MIME type, e.g. {@code "image/png"}, or {@code ""} if unknown
     * @return the blob
     * @throws NullPointerException if an argument is null
     */
    public static Blob of(byte[] data, String type) {
        return new Blob(Objects.requireNonNull(data, "data").clone(), Objects.requireNonNull(type, "type"));
    }

    /** Takes {@code data} without copying; the caller must not modify it afterwards. */
    static Blob wrap(byte[] data, String type) {
        return new Blob(data, type);
    }

    /**
     * W3C {@code Blob.size}.
     *
     * @return the length (bytes)
     */
    public long size() {
        return data.length;
    }

    /**
     * The blobs' bytes one after the other, like {@code new Blob(chunks, {type})}: concatenating every
     * chunk of a recording gives the whole file.
     *
     * @param blobs the parts, in order; may be empty
     * @param type the MIME type of the result
     * @return a new blob holding a copy of all parts
     * @throws NullPointerException if {@code blobs}, one of its elements or {@code type} is null
     */
    public static Blob concat(List<Blob> blobs, String type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Blob b : blobs) {
            out.write(b.data, 0, b.data.length);
        }
        return new Blob(out.toByteArray(), Objects.requireNonNull(type, "type"));
    }

    /**
     * W3C {@code Blob.type}.
     *
     * @return the MIME type, e.g. {@code "image/png"} or {@code "video/webm;codecs=vp8,opus"}
     */
    public String type() {
        return type;
    }

    /**
     * The bytes, like {@code arrayBuffer()}.
     *
     * @return a new copy of the bytes
     */
    public byte[] bytes() {
        return data.clone();
    }

    /**
     * A stream over the bytes, like {@code stream()}; no copy is made.
     *
     * @return a new stream positioned at the first byte; closing it has no effect
     */
    public InputStream stream() {
        return new ByteArrayInputStream(data);
    }

    /**
     * Writes every byte to {@code out}; does not flush or close it.
     *
     * @param out the destination
     * @throws IOException if writing fails
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(data);
    }

    @Override
    public String toString() {
        return "Blob[" + data.length + " bytes, " + type + "]";
    }
}
