package org.peerstack.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The browser demo page as shipped inside the demo jar (classpath {@value #RESOURCE_DIR}, built from
 * {@code demo-client/src/main/web}), as a directory the signaling server can serve from whatever the
 * working directory is. Run from the build's classes it is that directory; run from the jar it is
 * copied to a temporary directory that {@link #close()} deletes.
 */
public final class DemoPage implements AutoCloseable {

    /** Classpath directory of the page's files. */
    public static final String RESOURCE_DIR = "/org/peerstack/demo/web";

    private final Path directory;
    private final boolean temporary;

    private DemoPage(Path directory, boolean temporary) {
        this.directory = directory;
        this.temporary = temporary;
    }

    /** The page from the classpath. */
    public static DemoPage fromClasspath() throws IOException {
        URL index = DemoPage.class.getResource(RESOURCE_DIR + "/index.html");
        if (index == null) {
            throw new IOException("the demo page is missing from the classpath (" + RESOURCE_DIR + ")");
        }
        URI uri;
        try {
            uri = index.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the demo page: " + index, e);
        }
        if ("file".equals(uri.getScheme())) {
            return new DemoPage(Path.of(uri).getParent(), false);
        }
        return new DemoPage(copyFromJar(uri), true);
    }

    private static Path copyFromJar(URI indexInJar) throws IOException {
        String text = indexInJar.toString();
        URI jar = URI.create(text.substring(0, text.indexOf("!/")));
        Path target = Files.createTempDirectory("peerstack-demo-page-");
        FileSystem zip;
        boolean opened = false;
        try {
            zip = FileSystems.newFileSystem(jar, Map.of());
            opened = true;
        } catch (FileSystemAlreadyExistsException e) {
            zip = FileSystems.getFileSystem(jar);
        }
        try (Stream<Path> files = Files.walk(zip.getPath(RESOURCE_DIR))) {
            Path root = zip.getPath(RESOURCE_DIR);
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(root.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    try (InputStream in = Files.newInputStream(file)) {
                        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } finally {
            if (opened) {
                zip.close();
            }
        }
        return target;
    }

    /** The directory holding {@code index.html}, {@code app.js} and {@code style.css}. */
    public Path directory() {
        return directory;
    }

    /** Whether the page is a temporary copy out of the jar. */
    public boolean copied() {
        return temporary;
    }

    /** Deletes the temporary copy, if any. Idempotent. */
    @Override
    public void close() {
        if (!temporary || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
