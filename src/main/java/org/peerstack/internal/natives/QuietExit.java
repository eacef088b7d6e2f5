package org.peerstack.internal.natives;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Keeps webrtc-java's exit-time noise off the terminal.
 *
 * <p>webrtc-java 0.14 caches Java class references in a static C++ map. Its destructor runs when the
 * process exits, after the JVM is gone; deleting each reference tries to attach the exiting thread to
 * the JVM, which fails and prints {@code VM attach current thread failed} and {@code Failed to attach
 * thread N} on standard output (C++ {@code std::cout}, file descriptor 1). It happens in every process
 * that loaded the library, however cleanly everything was closed: no peerstack call order avoids it.
 *
 * <p>A JVM shutdown hook therefore moves Java's {@code System.out} to a fresh descriptor for the same
 * file, pipe or terminal ({@code /proc/self/fd/1}), then lets the JDK point descriptor 1 at
 * {@code /dev/null} (closing {@code FileDescriptor.out} does exactly that). Java code that prints during
 * shutdown, after this hook, still reaches the same place through {@code System.out}; only native
 * writes to descriptor 1 after the JVM's end are dropped. Where the descriptor cannot be reopened (a
 * socket, or no {@code /proc}) nothing changes.
 */
final class QuietExit {

    private static boolean installed;

    private QuietExit() {
    }

    /** Installs the hook once. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(QuietExit::redirect, "peerstack-quiet-exit"));
        } catch (IllegalStateException | SecurityException e) {
            // shutting down already, or not allowed: the messages may appear, nothing else changes
        }
    }

    private static void redirect() {
        PrintStream before = System.out;
        before.flush();
        FileOutputStream copy;
        try {
            copy = new FileOutputStream("/proc/self/fd/1", true);
        } catch (IOException | SecurityException e) {
            return;
        }
        System.setOut(new PrintStream(new BufferedOutputStream(copy, 8192), true, charset()));
        try {
            new FileOutputStream(FileDescriptor.out).close(); // the JDK redirects fd 1 to /dev/null
        } catch (IOException e) {
            // fd 1 stays as it was
        }
    }

    private static Charset charset() {
        String name = System.getProperty("sun.stdout.encoding");
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
