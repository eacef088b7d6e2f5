package org.peerstack.signaling.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves URL paths to files under one root directory, safely: no {@code ..}, no absolute or
 * backslash paths, no NUL, no hidden files, and a symbolic link may not lead outside the root.
 * A directory resolves to its {@code index.html}. Content types come from the file extension.
 */
final class StaticFiles {

    /** Largest file served (unit: bytes); larger files are a 404, as they have no place in a demo page. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("webp", "image/webp"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("webm", "video/webm"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("woff2", "font/woff2"));
    static final String DEFAULT_TYPE = "application/octet-stream";

    private final Path root;

    StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The regular file for a decoded URL path, or empty (→ 404). */
    Optional<Path> resolve(String urlPath) {
        if (urlPath == null || !urlPath.startsWith("/") || urlPath.indexOf('\0') >= 0 || urlPath.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        for (String segment : urlPath.split("/")) {
            if (segment.equals("..") || segment.equals(".") || segment.startsWith(".")) {
                return Optional.empty();
            }
        }
        try {
            Path candidate = root.resolve(urlPath.substring(1)).normalize();
            if (!candidate.startsWith(root)) {
                return Optional.empty();
            }
            if (Files.isDirectory(candidate)) {
                candidate = candidate.resolve("index.html");
            }
            if (!Files.isRegularFile(candidate) || Files.size(candidate) > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(root.toRealPath(LinkOption.NOFOLLOW_LINKS)) && !real.startsWith(root.toRealPath())) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The Content-Type for {@code file}. */
    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? DEFAULT_TYPE : TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT_TYPE);
    }
}
