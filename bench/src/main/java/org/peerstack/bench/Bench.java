package org.peerstack.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of the benchmark jar: {@code bench/run NAME [args...]} runs
 * {@code org.peerstack.bench.NAME.main(args)}. Each benchmark is one class with a {@code main}, prints
 * its figures (medians, ratios against a baseline measured in the same process) and exits.
 * See BENCHMARKS.md for the list and the recorded figures.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: bench/run NAME [args...]   (NAME: a class in org.peerstack.bench, see BENCHMARKS.md)");
            System.exit(2);
        }
        Class<?> benchmark;
        try {
            benchmark = Class.forName("org.peerstack.bench." + args[0]);
        } catch (ClassNotFoundException e) {
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
