package org.jracoon.parser.setkey;

/**
 * The security protocol of a SAD directive. The {@code -old} forms are RFC 1826/1827 AH and ESP
 * (SADB_X_EXT_OLD); {@code esp-udp} is ESP in UDP (RFC 3948), sent with a NAT-T type extension.
 */
public enum SaProtocol {
    AH("ah", 2, false),
    AH_OLD("ah-old", 2, true),
    ESP("esp", 3, false),
    ESP_OLD("esp-old", 3, true),
    ESP_UDP("esp-udp", 3, false),
    IPCOMP("ipcomp", 9, false),
    TCP("tcp", 0, false);

    private final String keyword;
    private final int satype;
    private final boolean old;

    SaProtocol(String keyword, int satype, boolean old) {
        this.keyword = keyword;
        this.satype = satype;
        this.old = old;
    }

    public String keyword() {
        return keyword;
    }

    /**
     * The SADB_SATYPE value. tcp (TCP-MD5 signatures) has none on Linux, where setkey sends
     * SADB_SATYPE_UNSPEC (0) and the kernel refuses it.
     */
    public int satype() {
        return satype;
    }

    /** Whether SADB_X_EXT_OLD is set for this protocol. */
    public boolean old() {
        return old;
    }
}
