package org.jracoon.ike.payload;

/**
 * Vendor ID payload, RFC 2408 section 3.16, with the vendor IDs racoon sends or recognises.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        Vendor ID (VID)                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record VendorIdPayload(Octets data) implements OpaquePayload {

    /** RFC 3706 Dead Peer Detection (a fixed value, not an MD5). */
    public static final VendorIdPayload DPD = of("afcad71368a1f1c96b8696fc77570100");
    /** RFC 3947 NAT traversal: MD5("RFC 3947"). */
    public static final VendorIdPayload NAT_T_RFC3947 = of("4a131c81070358455c5728f20e95452f");
    /** MD5("draft-ietf-ipsec-nat-t-ike-02\n"), the -02 variant with a trailing newline. */
    public static final VendorIdPayload NAT_T_DRAFT_02_N = of("90cb80913ebb696e086381b5ec427b1f");
    /** MD5("draft-ietf-ipsec-nat-t-ike-02"). */
    public static final VendorIdPayload NAT_T_DRAFT_02 = of("cd60464335df21f87cfdb2fc68b6a448");
    /** MD5("draft-ietf-ipsec-nat-t-ike-00"). */
    public static final VendorIdPayload NAT_T_DRAFT_00 = of("4485152d18b6bbcd0be8a8469579ddcc");
    /** MD5("FRAGMENTATION"); racoon appends four octets of capability flags. */
    public static final VendorIdPayload FRAGMENTATION = of("4048b7d56ebce88525e7de7f00d6c2d3");

    static VendorIdPayload decode(WireReader in) {
        return new VendorIdPayload(in.rest());
    }

    private static VendorIdPayload of(String hex) {
        return new VendorIdPayload(Octets.fromHex(hex));
    }

    @Override
    public int type() {
        return PayloadType.VENDOR_ID;
    }
}
