package org.jracoon.parser.setkey;

import java.util.Locale;

/**
 * Policy directions; declared in the order of IPSEC_DIR_* (linux/ipsec.h), which starts with
 * IPSEC_DIR_ANY (0), a value setkey input cannot name. fwd is Linux's own.
 */
public enum PolicyDirection {
    IN, OUT, FWD;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of {@code sadb_x_policy_dir}. */
    public int value() {
        return ordinal() + 1;
    }
}
