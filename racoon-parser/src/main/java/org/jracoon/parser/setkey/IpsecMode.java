package org.jracoon.parser.setkey;

/** IPsec modes with their IPSEC_MODE_* numbers (linux/ipsec.h). */
public enum IpsecMode {
    /** No mode given: the SA serves either mode (Linux installs it as transport). */
    ANY("any", 0),
    TRANSPORT("transport", 1),
    TUNNEL("tunnel", 2);

    private final String keyword;
    private final int value;

    IpsecMode(String keyword, int value) {
        this.keyword = keyword;
        this.value = value;
    }

    public String keyword() {
        return keyword;
    }

    /** The value of {@code sadb_x_sa2_mode} and {@code sadb_x_ipsecrequest_mode}. */
    public int value() {
        return value;
    }
}
