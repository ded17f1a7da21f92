package org.jracoon.parser.setkey;

import java.util.Locale;

/** How strictly a policy's IPsec request applies; declared in the order of IPSEC_LEVEL_* (linux/ipsec.h). */
public enum IpsecLevel {
    DEFAULT, USE, REQUIRE, UNIQUE;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of {@code sadb_x_ipsecrequest_level}. */
    public int value() {
        return ordinal();
    }
}
