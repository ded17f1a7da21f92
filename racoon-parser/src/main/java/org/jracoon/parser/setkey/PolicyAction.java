package org.jracoon.parser.setkey;

import java.util.Locale;

/** What a policy does with matching traffic; declared in the order of IPSEC_POLICY_* (linux/ipsec.h). */
public enum PolicyAction {
    DISCARD, NONE, IPSEC, ENTRUST, BYPASS;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of {@code sadb_x_policy_type}. */
    public int value() {
        return ordinal();
    }
}
