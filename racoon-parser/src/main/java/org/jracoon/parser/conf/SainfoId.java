package org.jracoon.parser.conf;

/**
 * One side of a {@code sainfo} header: what the phase-2 ID payload must be, exactly (racoon does not
 * match subnets by containment). Ports 0 and protocol 255 mean "any" (IPSEC_PORT_ANY,
 * IPSEC_ULPROTO_ANY).
 */
public sealed interface SainfoId {

    int ANY_PORT = 0;
    int ANY_PROTOCOL = 255;

    /** {@code anonymous}: any ID. */
    record Anonymous() implements SainfoId {
    }

    /** {@code clientaddr} (remote side only): the address Mode Config gave the peer. */
    record ClientAddress() implements SainfoId {
    }

    /**
     * {@code address|subnet ADDR[/prefix] [port] proto}; the prefix is the full address length when
     * none was written, which racoon turns into an ID_IPV*_ADDR rather than a subnet ID.
     */
    record Address(Identifier.Type type, IpAddress address, int prefix, int port, int protocol) implements SainfoId {
    }

    /** {@code address LOW-HIGH [port] proto}: an ID_IPV*_ADDR_RANGE. */
    record Range(Identifier.Type type, IpAddress low, IpAddress high, int port, int protocol) implements SainfoId {
    }

    /** {@code fqdn|user_fqdn|keyid "value"}. */
    record Named(Identifier.Type type, String value) implements SainfoId {
    }
}
