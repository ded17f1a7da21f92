package org.jracoon.ike.crypto;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link RandomSource} that hands out given byte strings in order, one per request, so a
 * test fixes DH private values, nonces and padding exactly. A request of another length than
 * the next pinned value fails the test instead of silently drawing something else.
 */
public final class PinnedRandomSource implements RandomSource {

    private final Deque<byte[]> values = new ArrayDeque<>();

    public PinnedRandomSource(byte[]... values) {
        for (byte[] value : values) {
            this.values.add(value.clone());
        }
    }

    @Override
    public void nextBytes(byte[] out) {
        byte[] next = values.poll();
        if (next == null) {
            throw new AssertionError("no pinned random value left for a request of " + out.length + " bytes");
        }
        if (next.length != out.length) {
            throw new AssertionError("request of " + out.length + " random bytes, pinned value has " + next.length);
        }
        System.arraycopy(next, 0, out, 0, out.length);
    }

    /** Whether every pinned value was used. */
    public boolean exhausted() {
        return values.isEmpty();
    }
}
