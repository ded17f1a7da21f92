package org.jracoon.parser.setkey;

import java.util.Locale;

/** IPsec modes, declared in the order of IPSEC_MODE_* (linux/ipsec.h). */
public enum IpsecMode {
    /** No mode given: the SA serves either mode (Linux installs it as transport). */
    ANY,
    TRANSPORT,
    TUNNEL;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of {@code sadb_x_sa2_mode} and {@code sadb_x_ipsecrequest_mode}. */
    public int value() {
        return ordinal();
    }
}
