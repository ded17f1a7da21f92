package org.jracoon.pfkey.message;

/**
 * Numeric values of PF_KEY v2 (RFC 2367) and the Linux/KAME additions, as they appear inside
 * SADB messages ({@code linux/pfkeyv2.h}, {@code linux/ipsec.h}). Fields stay plain integers in the
 * message values so that a code this class does not name still round-trips unchanged.
 */
public final class Sadb {
    private Sadb() {
    }

    /** The only protocol version a PF_KEY v2 socket speaks ({@code PF_KEY_V2}). */
    public static final int VERSION = 2;

    // sadb_msg_satype
    public static final int SATYPE_UNSPEC = 0;
    public static final int SATYPE_AH = 2;
    public static final int SATYPE_ESP = 3;
    public static final int SATYPE_IPCOMP = 9;

    // sadb_sa_state
    public static final int SASTATE_LARVAL = 0;
    public static final int SASTATE_MATURE = 1;
    public static final int SASTATE_DYING = 2;
    public static final int SASTATE_DEAD = 3;

    // sadb_sa_flags
    public static final int SAFLAGS_PFS = 1;
    public static final int SAFLAGS_NOPMTUDISC = 0x20000000;
    public static final int SAFLAGS_DECAP_DSCP = 0x40000000;
    public static final int SAFLAGS_NOECN = 0x80000000;

    // sadb_sa_auth
    public static final int AALG_NONE = 0;
    public static final int AALG_MD5HMAC = 2;
    public static final int AALG_SHA1HMAC = 3;
    public static final int AALG_SHA2_256HMAC = 5;
    public static final int AALG_SHA2_384HMAC = 6;
    public static final int AALG_SHA2_512HMAC = 7;
    public static final int AALG_RIPEMD160HMAC = 8;
    public static final int AALG_AES_XCBC_MAC = 9;
    public static final int AALG_NULL = 251;

    // sadb_sa_encrypt
    public static final int EALG_NONE = 0;
    public static final int EALG_DESCBC = 2;
    public static final int EALG_3DESCBC = 3;
    public static final int EALG_CASTCBC = 6;
    public static final int EALG_BLOWFISHCBC = 7;
    public static final int EALG_NULL = 11;
    public static final int EALG_AESCBC = 12;
    public static final int EALG_AESCTR = 13;
    public static final int EALG_AES_CCM_ICV8 = 14;
    public static final int EALG_AES_CCM_ICV12 = 15;
    public static final int EALG_AES_CCM_ICV16 = 16;
    public static final int EALG_AES_GCM_ICV8 = 18;
    public static final int EALG_AES_GCM_ICV12 = 19;
    public static final int EALG_AES_GCM_ICV16 = 20;
    public static final int EALG_CAMELLIACBC = 22;
    public static final int EALG_NULL_AES_GMAC = 23;
    public static final int EALG_SERPENTCBC = 252;
    public static final int EALG_TWOFISHCBC = 253;

    // IPComp algorithms travel in sadb_sa_encrypt
    public static final int CALG_NONE = 0;
    public static final int CALG_OUI = 1;
    public static final int CALG_DEFLATE = 2;
    public static final int CALG_LZS = 3;
    public static final int CALG_LZJH = 4;

    // sadb_x_sa2_mode and sadb_x_ipsecrequest_mode (ipsec.h)
    public static final int MODE_ANY = 0;
    public static final int MODE_TRANSPORT = 1;
    public static final int MODE_TUNNEL = 2;
    public static final int MODE_BEET = 3;

    // sadb_x_policy_dir
    public static final int DIR_ANY = 0;
    public static final int DIR_INBOUND = 1;
    public static final int DIR_OUTBOUND = 2;
    public static final int DIR_FWD = 3;

    // sadb_x_policy_type
    public static final int POLICY_DISCARD = 0;
    public static final int POLICY_NONE = 1;
    public static final int POLICY_IPSEC = 2;
    public static final int POLICY_ENTRUST = 3;
    public static final int POLICY_BYPASS = 4;

    // sadb_x_ipsecrequest_level
    public static final int LEVEL_DEFAULT = 0;
    public static final int LEVEL_USE = 1;
    public static final int LEVEL_REQUIRE = 2;
    public static final int LEVEL_UNIQUE = 3;

    /** Largest reqid setkey hands out by hand; the kernel allocates above it ({@code ipsec.h}). */
    public static final int MANUAL_REQID_MAX = 0x3fff;

    // sadb_x_ipsecrequest_proto carries the IP protocol number, not the SA type
    public static final int IPPROTO_ESP = 50;
    public static final int IPPROTO_AH = 51;
    public static final int IPPROTO_COMP = 108;

    /** Any upper-layer protocol in an address extension ({@code IPSEC_ULPROTO_ANY}). */
    public static final int ULPROTO_ANY = 255;

    // sadb_x_nat_t_type_type: UDP_ENCAP_ESPINUDP_NON_IKE and UDP_ENCAP_ESPINUDP (linux/udp.h)
    public static final int NAT_T_ESPINUDP_NON_IKE = 1;
    public static final int NAT_T_ESPINUDP = 2;

    // sadb_ident_type
    public static final int IDENTTYPE_PREFIX = 1;
    public static final int IDENTTYPE_FQDN = 2;
    public static final int IDENTTYPE_USERFQDN = 3;
}
