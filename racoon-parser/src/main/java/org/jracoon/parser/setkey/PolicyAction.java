package org.jracoon.parser.setkey;

/** What a policy does with matching traffic, with the IPSEC_POLICY_* numbers (linux/ipsec.h). */
public enum PolicyAction {
    DISCARD("discard", 0), NONE("none", 1), IPSEC("ipsec", 2), ENTRUST("entrust", 3), BYPASS("bypass", 4);

    private final String keyword;
    private final int value;

    PolicyAction(String keyword, int value) {
        this.keyword = keyword;
        this.value = value;
    }

    public String keyword() {
        return keyword;
    }

    /** The value of {@code sadb_x_policy_type}. */
    public int value() {
        return value;
    }
}
