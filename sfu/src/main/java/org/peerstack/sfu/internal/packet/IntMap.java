package org.peerstack.sfu.internal.packet;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A small open-addressing map from int keys (SSRCs) to values, so that hot-path lookups box nothing.
 * Not thread-safe: each instance belongs to one thread (the media I/O thread).
 *
 * @param <V> the value type
 */
public final class IntMap<V> {

    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private boolean[] used = new boolean[16];
    private int size;

    private static int slot(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    @SuppressWarnings("unchecked")
    public V get(int key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** Puts {@code value} under {@code key} (replacing any earlier value). */
    public void put(int key, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (used[i]) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /** Removes {@code key}; returns its value or null. */
    @SuppressWarnings("unchecked")
    public V remove(int key) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (used[i]) {
            if (keys[i] == key) {
                V old = (V) values[i];
                used[i] = false;
                values[i] = null;
                size--;
                // re-insert the rest of the cluster
                int j = (i + 1) & mask;
                while (used[j]) {
                    int k = keys[j];
                    Object v = values[j];
                    used[j] = false;
                    values[j] = null;
                    size--;
                    put(k, uncheckedCast(v));
                    j = (j + 1) & mask;
                }
                return old;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <T> T uncheckedCast(Object o) {
        return (T) o;
    }

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public void forEachValue(Consumer<? super V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) {
                action.accept((V) values[i]);
            }
        }
    }

    public void clear() {
        Arrays.fill(used, false);
        Arrays.fill(values, null);
        size = 0;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                put(oldKeys[i], uncheckedCast(oldValues[i]));
            }
        }
    }
}
