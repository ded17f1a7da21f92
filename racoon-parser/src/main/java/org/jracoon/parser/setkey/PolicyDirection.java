package org.jracoon.parser.setkey;

/** Policy directions with their IPSEC_DIR_* numbers (linux/ipsec.h; fwd is Linux's own). */
public enum PolicyDirection {
    IN("in", 1), OUT("out", 2), FWD("fwd", 3);

    private final String keyword;
    private final int value;

    PolicyDirection(String keyword, int value) {
        this.keyword = keyword;
        this.value = value;
    }

    public String keyword() {
        return keyword;
    }

    /** The value of {@code sadb_x_policy_dir}. */
    public int value() {
        return value;
    }
}
