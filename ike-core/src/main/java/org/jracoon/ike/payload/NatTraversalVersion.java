package org.jracoon.ike.payload;

import java.util.Optional;

/**
 * The NAT-T versions racoon announces and accepts (its default build: RFC 3947, drafts 02 and
 * 00), each with what it means on the wire: the vendor ID, the NAT-D payload type, the UDP
 * encapsulation mode values and whether IKE floats to the NAT-T port (racoon nattraversal.c
 * natt_fill_options). Declared from the oldest to the preferred.
 */
public enum NatTraversalVersion {
    /** draft-ietf-ipsec-nat-t-ike-00: no port floating, ESP-in-UDP with a non-IKE marker. */
    DRAFT_00(VendorIdPayload.NAT_T_DRAFT_00, true, IpsecAttributes.MODE_UDP_TUNNEL_DRAFT,
            IpsecAttributes.MODE_UDP_TRANSPORT_DRAFT, false),
    /** draft-ietf-ipsec-nat-t-ike-02 with the trailing newline some implementations hashed. */
    DRAFT_02_N(VendorIdPayload.NAT_T_DRAFT_02_N, true, IpsecAttributes.MODE_UDP_TUNNEL_DRAFT,
            IpsecAttributes.MODE_UDP_TRANSPORT_DRAFT, true),
    /** draft-ietf-ipsec-nat-t-ike-02: private-use payload and mode numbers. */
    DRAFT_02(VendorIdPayload.NAT_T_DRAFT_02, true, IpsecAttributes.MODE_UDP_TUNNEL_DRAFT,
            IpsecAttributes.MODE_UDP_TRANSPORT_DRAFT, true),
    /** RFC 3947. */
    RFC_3947(VendorIdPayload.NAT_T_RFC3947, false, IpsecAttributes.MODE_UDP_TUNNEL,
            IpsecAttributes.MODE_UDP_TRANSPORT, true);

    private final VendorIdPayload vendorId;
    private final boolean draftPayloads;
    private final int udpTunnelMode;
    private final int udpTransportMode;
    private final boolean floats;

    NatTraversalVersion(VendorIdPayload vendorId, boolean draftPayloads, int udpTunnelMode, int udpTransportMode,
            boolean floats) {
        this.vendorId = vendorId;
        this.draftPayloads = draftPayloads;
        this.udpTunnelMode = udpTunnelMode;
        this.udpTransportMode = udpTransportMode;
        this.floats = floats;
    }

    /** The version a vendor ID announces, if it announces one. */
    public static Optional<NatTraversalVersion> of(VendorIdPayload vid) {
        for (NatTraversalVersion v : values()) {
            if (v.vendorId.equals(vid)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public VendorIdPayload vendorId() {
        return vendorId;
    }

    /** Whether NAT-D and NAT-OA travel with the drafts' private-use types 130 and 131. */
    public boolean draftPayloads() {
        return draftPayloads;
    }

    /** The Encapsulation Mode value of UDP-Encapsulated-Tunnel in this version. */
    public int udpTunnelMode() {
        return udpTunnelMode;
    }

    /** The Encapsulation Mode value of UDP-Encapsulated-Transport in this version. */
    public int udpTransportMode() {
        return udpTransportMode;
    }

    /** Whether IKE moves to the NAT-T port once a NAT is found (not in draft 00). */
    public boolean floats() {
        return floats;
    }
}
