package org.jracoon.ike.kernel;

/** The IPsec protocols an SA can be of, with their IP protocol numbers. */
public enum IpsecProtocol {
    ESP(50), AH(51), IPCOMP(108);

    private final int ipProtocol;

    IpsecProtocol(int ipProtocol) {
        this.ipProtocol = ipProtocol;
    }

    public int ipProtocol() {
        return ipProtocol;
    }
}
