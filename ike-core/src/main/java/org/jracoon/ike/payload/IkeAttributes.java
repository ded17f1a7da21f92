package org.jracoon.ike.payload;

/**
 * Phase-1 (Oakley) transform attribute types and their values, RFC 2409 appendix A, with the
 * later IANA additions racoon knows (AES from RFC 3602, SHA2 hashes, MODP groups of RFC 3526,
 * the hybrid and XAUTH authentication methods of the expired drafts).
 */
public final class IkeAttributes {

    // Attribute types; B = basic (TV), V = variable (TLV) as RFC 2409 appendix A classes them.
    /** B. */
    public static final int ENCRYPTION_ALGORITHM = 1;
    /** B. */
    public static final int HASH_ALGORITHM = 2;
    /** B. */
    public static final int AUTHENTICATION_METHOD = 3;
    /** B. */
    public static final int GROUP_DESCRIPTION = 4;
    /** B. */
    public static final int GROUP_TYPE = 5;
    /** V. */
    public static final int GROUP_PRIME = 6;
    /** V. */
    public static final int GROUP_GENERATOR_ONE = 7;
    /** V. */
    public static final int GROUP_GENERATOR_TWO = 8;
    /** V. */
    public static final int GROUP_CURVE_A = 9;
    /** V. */
    public static final int GROUP_CURVE_B = 10;
    /** B. */
    public static final int LIFE_TYPE = 11;
    /** V (sent as basic when it fits in 16 bits, as racoon does). */
    public static final int LIFE_DURATION = 12;
    /** B. */
    public static final int PRF = 13;
    /** B. */
    public static final int KEY_LENGTH = 14;
    /** B. */
    public static final int FIELD_SIZE = 15;
    /** V. */
    public static final int GROUP_ORDER = 16;

    // Encryption algorithm values.
    public static final int ENC_DES_CBC = 1;
    public static final int ENC_IDEA_CBC = 2;
    public static final int ENC_BLOWFISH_CBC = 3;
    public static final int ENC_RC5_R16_B64_CBC = 4;
    public static final int ENC_3DES_CBC = 5;
    public static final int ENC_CAST_CBC = 6;
    public static final int ENC_AES_CBC = 7;
    public static final int ENC_CAMELLIA_CBC = 8;

    // Hash algorithm values.
    public static final int HASH_MD5 = 1;
    public static final int HASH_SHA1 = 2;
    public static final int HASH_TIGER = 3;
    public static final int HASH_SHA2_256 = 4;
    public static final int HASH_SHA2_384 = 5;
    public static final int HASH_SHA2_512 = 6;

    // Authentication method values.
    public static final int AUTH_PRE_SHARED_KEY = 1;
    public static final int AUTH_DSS_SIGNATURE = 2;
    public static final int AUTH_RSA_SIGNATURE = 3;
    public static final int AUTH_RSA_ENCRYPTION = 4;
    public static final int AUTH_RSA_REVISED_ENCRYPTION = 5;
    public static final int AUTH_HYBRID_RSA_INITIATOR = 64221;
    public static final int AUTH_HYBRID_RSA_RESPONDER = 64222;
    public static final int AUTH_XAUTH_PSK_INITIATOR = 65001;
    public static final int AUTH_XAUTH_PSK_RESPONDER = 65002;
    public static final int AUTH_XAUTH_RSA_INITIATOR = 65005;
    public static final int AUTH_XAUTH_RSA_RESPONDER = 65006;

    // Group description values (MODP groups; RFC 2409 section 6, RFC 3526).
    public static final int GROUP_MODP_768 = 1;
    public static final int GROUP_MODP_1024 = 2;
    public static final int GROUP_MODP_1536 = 5;
    public static final int GROUP_MODP_2048 = 14;
    public static final int GROUP_MODP_3072 = 15;
    public static final int GROUP_MODP_4096 = 16;
    public static final int GROUP_MODP_6144 = 17;
    public static final int GROUP_MODP_8192 = 18;

    // Life type values.
    public static final int LIFE_SECONDS = 1;
    public static final int LIFE_KILOBYTES = 2;

    private IkeAttributes() {
    }

    public static String typeName(int type) {
        return switch (type) {
            case ENCRYPTION_ALGORITHM -> "Encryption Algorithm";
            case HASH_ALGORITHM -> "Hash Algorithm";
            case AUTHENTICATION_METHOD -> "Authentication Method";
            case GROUP_DESCRIPTION -> "Group Description";
            case GROUP_TYPE -> "Group Type";
            case GROUP_PRIME -> "Group Prime/Irreducible Polynomial";
            case GROUP_GENERATOR_ONE -> "Group Generator One";
            case GROUP_GENERATOR_TWO -> "Group Generator Two";
            case GROUP_CURVE_A -> "Group Curve A";
            case GROUP_CURVE_B -> "Group Curve B";
            case LIFE_TYPE -> "Life Type";
            case LIFE_DURATION -> "Life Duration";
            case PRF -> "PRF";
            case KEY_LENGTH -> "Key Length";
            case FIELD_SIZE -> "Field Size";
            case GROUP_ORDER -> "Group Order";
            default -> "IKE-ATTR-" + type;
        };
    }
}
