package org.jracoon.ike.kernel;

/** How an SA or an ipsec request encapsulates: host-to-host transport or gateway tunnel (RFC 4301 4.1). */
public enum IpsecMode {
    TRANSPORT, TUNNEL
}
