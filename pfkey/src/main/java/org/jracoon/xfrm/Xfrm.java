package org.jracoon.xfrm;

/** Numbers of the XFRM netlink protocol, as {@code linux/xfrm.h} and {@code linux/netlink.h} define them. */
public final class Xfrm {
    private Xfrm() {
    }

    public static final int NETLINK_XFRM = 6;

    public static final int MSG_NEWSA = 0x10;
    public static final int MSG_DELSA = 0x11;
    public static final int MSG_GETSA = 0x12;
    public static final int MSG_NEWPOLICY = 0x13;
    public static final int MSG_DELPOLICY = 0x14;
    public static final int MSG_GETPOLICY = 0x15;
    public static final int MSG_ALLOCSPI = 0x16;
    public static final int MSG_ACQUIRE = 0x17;
    public static final int MSG_EXPIRE = 0x18;
    public static final int MSG_UPDPOLICY = 0x19;
    public static final int MSG_UPDSA = 0x1a;
    public static final int MSG_POLEXPIRE = 0x1b;
    public static final int MSG_FLUSHSA = 0x1c;
    public static final int MSG_FLUSHPOLICY = 0x1d;

    public static final int XFRMA_ALG_AUTH = 1;
    public static final int XFRMA_ALG_CRYPT = 2;
    public static final int XFRMA_ALG_COMP = 3;
    public static final int XFRMA_ENCAP = 4;
    public static final int XFRMA_TMPL = 5;
    public static final int XFRMA_SA = 6;
    public static final int XFRMA_POLICY = 7;
    public static final int XFRMA_ALG_AEAD = 18;
    public static final int XFRMA_ALG_AUTH_TRUNC = 20;
    public static final int XFRMA_REPLAY_ESN_VAL = 23;

    /** Multicast groups (enum xfrm_nlgroups); a socket joins group g as bit g-1 of nl_groups. */
    public static final int GROUP_ACQUIRE = 1;
    public static final int GROUP_EXPIRE = 2;
    public static final int GROUP_SA = 3;
    public static final int GROUP_POLICY = 4;

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    public static final int MODE_TRANSPORT = 0;
    public static final int MODE_TUNNEL = 1;

    public static final int POLICY_IN = 0;
    public static final int POLICY_OUT = 1;
    public static final int POLICY_FWD = 2;

    public static final int POLICY_ALLOW = 0;
    public static final int POLICY_BLOCK = 1;

    public static final int UDP_ENCAP_ESPINUDP_NON_IKE = 1;
    public static final int UDP_ENCAP_ESPINUDP = 2;

    /** "No limit" in a lifetime configuration. */
    public static final long INF = -1L;

    /** {@code sizeof(struct xfrm_usersa_info)} and friends on Linux (x86-64 and the other LP64 ABIs). */
    public static final int SIZEOF_SELECTOR = 56;
    public static final int SIZEOF_USERSA_INFO = 224;
    public static final int SIZEOF_USERSA_ID = 24;
    public static final int SIZEOF_USERPOLICY_INFO = 168;
    public static final int SIZEOF_USERPOLICY_ID = 64;
    public static final int SIZEOF_USER_TMPL = 64;
    public static final int SIZEOF_USER_ACQUIRE = 280;
    public static final int SIZEOF_ENCAP_TMPL = 24;
}
