package org.jracoon.parser.setkey;

/** How strictly a policy's IPsec request applies, with the IPSEC_LEVEL_* numbers (linux/ipsec.h). */
public enum IpsecLevel {
    DEFAULT("default", 0), USE("use", 1), REQUIRE("require", 2), UNIQUE("unique", 3);

    private final String keyword;
    private final int value;

    IpsecLevel(String keyword, int value) {
        this.keyword = keyword;
        this.value = value;
    }

    public String keyword() {
        return keyword;
    }

    /** The value of {@code sadb_x_ipsecrequest_level}. */
    public int value() {
        return value;
    }
}
