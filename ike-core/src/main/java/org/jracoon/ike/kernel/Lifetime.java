package org.jracoon.ike.kernel;

/**
 * An SA lifetime: limits (hard, soft; zero is no limit, times in seconds after adding or first
 * use) or, as reported by the kernel, the current use (times then in seconds since the epoch).
 */
public record Lifetime(long allocations, long bytes, long addSeconds, long useSeconds) {
    public static final Lifetime NONE = new Lifetime(0, 0, 0, 0);

    public Lifetime {
        if (allocations < 0 || bytes < 0 || addSeconds < 0 || useSeconds < 0) {
            throw new IllegalArgumentException("negative lifetime " + allocations + "/" + bytes + "/" + addSeconds + "/" + useSeconds);
        }
    }

    public static Lifetime seconds(long addSeconds) {
        return new Lifetime(0, 0, addSeconds, 0);
    }
}
