package org.jracoon.ike.payload;

/**
 * Next Payload Types of RFC 2408 section 3.1, the RFC 3947 NAT-T payloads, the private-use
 * numbers of the NAT-T drafts (02/03) and the IKE fragment payload racoon and strongSwan use.
 */
public final class PayloadType {

    public static final int NONE = 0;
    public static final int SA = 1;
    public static final int PROPOSAL = 2;
    public static final int TRANSFORM = 3;
    public static final int KE = 4;
    public static final int ID = 5;
    public static final int CERT = 6;
    public static final int CR = 7;
    public static final int HASH = 8;
    public static final int SIG = 9;
    public static final int NONCE = 10;
    public static final int NOTIFY = 11;
    public static final int DELETE = 12;
    public static final int VENDOR_ID = 13;
    /** RFC 3947 section 3.2. */
    public static final int NAT_D = 20;
    /** RFC 3947 section 5.2. */
    public static final int NAT_OA = 21;
    /** draft-ietf-ipsec-nat-t-ike-02/03: NAT-D in the private-use range. */
    public static final int NAT_D_DRAFT = 130;
    /** draft-ietf-ipsec-nat-t-ike-02/03: NAT-OA in the private-use range. */
    public static final int NAT_OA_DRAFT = 131;
    /** IKE fragmentation (the Cisco-compatible scheme racoon's ike_frag and strongSwan speak). */
    public static final int FRAGMENT = 132;

    private PayloadType() {
    }

    public static String name(int type) {
        return switch (type) {
            case NONE -> "NONE";
            case SA -> "SA";
            case PROPOSAL -> "PROPOSAL";
            case TRANSFORM -> "TRANSFORM";
            case KE -> "KE";
            case ID -> "ID";
            case CERT -> "CERT";
            case CR -> "CR";
            case HASH -> "HASH";
            case SIG -> "SIG";
            case NONCE -> "NONCE";
            case NOTIFY -> "NOTIFY";
            case DELETE -> "DELETE";
            case VENDOR_ID -> "VID";
            case NAT_D -> "NAT-D";
            case NAT_OA -> "NAT-OA";
            case NAT_D_DRAFT -> "NAT-D(draft)";
            case NAT_OA_DRAFT -> "NAT-OA(draft)";
            case FRAGMENT -> "FRAG";
            default -> "PAYLOAD-" + type;
        };
    }
}
