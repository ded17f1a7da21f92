package org.jracoon.ike.payload;

/**
 * Phase-2 (IPsec DOI) SA attribute types and values, RFC 2407 section 4.5, with the UDP
 * encapsulation modes of RFC 3947 section 5.1 and of the NAT-T drafts, and the SHA2 HMACs.
 */
public final class IpsecAttributes {

    // Attribute types.
    public static final int SA_LIFE_TYPE = 1;
    public static final int SA_LIFE_DURATION = 2;
    public static final int GROUP_DESCRIPTION = 3;
    public static final int ENCAPSULATION_MODE = 4;
    public static final int AUTHENTICATION_ALGORITHM = 5;
    public static final int KEY_LENGTH = 6;
    public static final int KEY_ROUNDS = 7;
    public static final int COMPRESS_DICTIONARY_SIZE = 8;
    public static final int COMPRESS_PRIVATE_ALGORITHM = 9;

    // SA life type values.
    public static final int LIFE_SECONDS = 1;
    public static final int LIFE_KILOBYTES = 2;

    // Encapsulation mode values.
    public static final int MODE_TUNNEL = 1;
    public static final int MODE_TRANSPORT = 2;
    /** RFC 3947 section 5.1. */
    public static final int MODE_UDP_TUNNEL = 3;
    /** RFC 3947 section 5.1. */
    public static final int MODE_UDP_TRANSPORT = 4;
    /** draft-ietf-ipsec-nat-t-ike-00..03 private value for UDP-Encapsulated-Tunnel. */
    public static final int MODE_UDP_TUNNEL_DRAFT = 61443;
    /** draft-ietf-ipsec-nat-t-ike-00..03 private value for UDP-Encapsulated-Transport. */
    public static final int MODE_UDP_TRANSPORT_DRAFT = 61444;

    // Authentication algorithm values.
    public static final int AUTH_HMAC_MD5 = 1;
    public static final int AUTH_HMAC_SHA1 = 2;
    public static final int AUTH_DES_MAC = 3;
    public static final int AUTH_KPDK = 4;
    public static final int AUTH_HMAC_SHA2_256 = 5;
    public static final int AUTH_HMAC_SHA2_384 = 6;
    public static final int AUTH_HMAC_SHA2_512 = 7;

    private IpsecAttributes() {
    }

    public static String typeName(int type) {
        return switch (type) {
            case SA_LIFE_TYPE -> "SA Life Type";
            case SA_LIFE_DURATION -> "SA Life Duration";
            case GROUP_DESCRIPTION -> "Group Description";
            case ENCAPSULATION_MODE -> "Encapsulation Mode";
            case AUTHENTICATION_ALGORITHM -> "Authentication Algorithm";
            case KEY_LENGTH -> "Key Length";
            case KEY_ROUNDS -> "Key Rounds";
            case COMPRESS_DICTIONARY_SIZE -> "Compress Dictionary Size";
            case COMPRESS_PRIVATE_ALGORITHM -> "Compress Private Algorithm";
            default -> "IPSEC-ATTR-" + type;
        };
    }

    public static String encapsulationModeName(int mode) {
        return switch (mode) {
            case MODE_TUNNEL -> "Tunnel";
            case MODE_TRANSPORT -> "Transport";
            case MODE_UDP_TUNNEL -> "UDP-Encapsulated-Tunnel";
            case MODE_UDP_TRANSPORT -> "UDP-Encapsulated-Transport";
            case MODE_UDP_TUNNEL_DRAFT -> "UDP-Encapsulated-Tunnel (draft)";
            case MODE_UDP_TRANSPORT_DRAFT -> "UDP-Encapsulated-Transport (draft)";
            default -> "MODE-" + mode;
        };
    }
}
