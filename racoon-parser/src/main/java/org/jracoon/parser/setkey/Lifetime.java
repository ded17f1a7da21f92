package org.jracoon.parser.setkey;

/**
 * A hard or soft SA lifetime from {@code -lh}/{@code -ls} (seconds since creation) and
 * {@code -bh}/{@code -bs} (bytes); 0 means no limit, and an all-zero lifetime is not sent.
 */
public record Lifetime(long seconds, long bytes) {
    public static final Lifetime NONE = new Lifetime(0, 0);

    public Lifetime {
        if (seconds < 0 || bytes < 0) {
            throw new IllegalArgumentException("negative lifetime");
        }
    }

    public boolean isNone() {
        return seconds == 0 && bytes == 0;
    }
}
