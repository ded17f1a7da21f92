package org.jracoon.parser.conf;

import java.util.Optional;

/**
 * An ISAKMP identity as {@code my_identifier}, {@code peers_identifier} and {@code sainfo ... from}
 * write it: a type, for {@code keyid} an optional {@code file}/{@code tag} qualifier, and a value
 * (empty for {@code address} = own IKE address, or {@code asn1dn} = subject of own certificate).
 */
public record Identifier(Type type, Optional<Qualifier> qualifier, Optional<String> value) {

    /** ID types (RFC 2407 4.6.2.1); {@code subnet} is racoon's own. */
    public enum Type implements Keyword {
        ADDRESS, FQDN, USER_FQDN, KEYID, ASN1DN, SUBNET
    }

    /** How a keyid value is given: read from a file (the default) or written inline. */
    public enum Qualifier implements Keyword {
        FILE, TAG
    }

    /** racoon's default identity: the address the IKE packets use. */
    public static final Identifier OWN_ADDRESS = new Identifier(Type.ADDRESS, Optional.empty(), Optional.empty());
}
