package org.peerstack.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of the benchmark jar: {@code bench/run NAME [args...]} runs the {@code main} of the class
 * {@code NAME} in {@code org.peerstack.bench} or one of its sub-packages (media, recorder, rtc, signaling).
 * Each benchmark is one class with a {@code main}, prints its figures (medians, ratios against a baseline measured in the same process) and exits.
 * See BENCHMARKS.md for the list and the recorded figures.
 */
public final class Bench {

    private Bench() {
    }

    /** Sub-packages searched after {@code org.peerstack.bench} itself, so a benchmark needs no entry shim. */
    private static final String[] PACKAGES = {"", "media.", "recorder.", "rtc.", "signaling."};

    private static Class<?> find(String name) {
        for (String sub : PACKAGES) {
            try {
                Class<?> type = Class.forName("org.peerstack.bench." + sub + name);
                type.getMethod("main", String[].class);
                return type;
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                // try the next package
            }
        }
        return null;
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: bench/run NAME [args...]   (NAME: a class in org.peerstack.bench, see BENCHMARKS.md)");
            System.exit(2);
        }
        Class<?> benchmark = find(args[0]);
        if (benchmark == null) {
            System.err.println("no benchmark named " + args[0] + " (see BENCHMARKS.md)");
            System.exit(2);
            return;
        }
        Method main = benchmark.getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
