package org.jracoon.parser.setkey;

/** The protocol of an IPsec request in a policy, as its IP protocol number. */
public enum IpsecProtocol {
    ESP("esp", 50), AH("ah", 51), IPCOMP("ipcomp", 108);

    private final String keyword;
    private final int ipProtocol;

    IpsecProtocol(String keyword, int ipProtocol) {
        this.keyword = keyword;
        this.ipProtocol = ipProtocol;
    }

    public String keyword() {
        return keyword;
    }

    /** The value of {@code sadb_x_ipsecrequest_proto}. */
    public int ipProtocol() {
        return ipProtocol;
    }
}
