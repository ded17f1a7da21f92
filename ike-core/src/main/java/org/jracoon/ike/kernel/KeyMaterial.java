package org.jracoon.ike.kernel;

import java.util.Arrays;

/** Key bytes of an SA: copied in and out, compared by value, never printed. */
public final class KeyMaterial {
    public static final KeyMaterial NONE = new KeyMaterial(new byte[0]);

    private final byte[] bytes;

    private KeyMaterial(byte[] bytes) {
        this.bytes = bytes;
    }

    public static KeyMaterial of(byte[] bytes) {
        return bytes.length == 0 ? NONE : new KeyMaterial(bytes.clone());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyMaterial k && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "[" + bytes.length + "-byte key]";
    }
}
