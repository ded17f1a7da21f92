package org.jracoon.ike.payload;

/**
 * NAT-Discovery payload, RFC 3947 section 3.2: HASH(CKY-I | CKY-R | IP | Port) with the
 * negotiated hash. Type 20, or 130 when the peer speaks draft-ietf-ipsec-nat-t-ike-02/03.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !        Payload Length         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                 HASH of the address and port                  ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NatDPayload(boolean draft, Octets data) implements OpaquePayload {

    public NatDPayload {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("empty NAT-D hash");
        }
    }

    static NatDPayload decode(int type, WireReader in) throws IsakmpProtocolException {
        return new NatDPayload(type == PayloadType.NAT_D_DRAFT, in.nonEmptyRest("NAT-D payload"));
    }

    @Override
    public int type() {
        return draft ? PayloadType.NAT_D_DRAFT : PayloadType.NAT_D;
    }
}
