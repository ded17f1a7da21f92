package org.jracoon.ike.payload;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * NAT Original Address payload, RFC 3947 section 5.2: the address the sender sees itself as,
 * sent in Quick Mode for transport mode behind NAT. Type 21, or 131 for the 02/03 drafts.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !        Payload Length         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !   ID Type     !   RESERVED    !            RESERVED           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !         IPv4 (4 octets) or IPv6 address (16 octets)           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NatOaPayload(boolean draft, int idType, Octets address) implements Payload {

    public NatOaPayload {
        if (addressLength(idType) != address.length()) {
            throw new IllegalArgumentException(IdType.name(idType) + " with " + address.length() + " octets");
        }
    }

    public static NatOaPayload of(InetAddress address) {
        return new NatOaPayload(false, address instanceof Inet4Address ? IdType.IPV4_ADDR : IdType.IPV6_ADDR,
                Octets.of(address.getAddress()));
    }

    /** The same address in the RFC's payload type or the drafts'. */
    public NatOaPayload withDraft(boolean draftType) {
        return new NatOaPayload(draftType, idType, address);
    }

    /** The address carried. */
    public InetAddress inetAddress() {
        try {
            return InetAddress.getByAddress(address.toByteArray());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("checked length " + address.length(), e);
        }
    }

    static NatOaPayload decode(int type, WireReader in) throws IsakmpProtocolException {
        int idType = in.u8();
        in.u8(); // RESERVED
        in.u16(); // RESERVED
        if (addressLength(idType) != in.remaining()) {
            throw IsakmpProtocolException.malformed("NAT-OA " + IdType.name(idType) + " with " + in.remaining()
                    + " octets");
        }
        return new NatOaPayload(type == PayloadType.NAT_OA_DRAFT, idType, in.rest());
    }

    /** RFC 3947 allows only single IPv4 and IPv6 addresses here. */
    private static int addressLength(int idType) {
        return switch (idType) {
            case IdType.IPV4_ADDR -> 4;
            case IdType.IPV6_ADDR -> 16;
            default -> -1;
        };
    }

    @Override
    public int type() {
        return draft ? PayloadType.NAT_OA_DRAFT : PayloadType.NAT_OA;
    }

    @Override
    public int bodyLength() {
        return 4 + address.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) idType);
        out.put((byte) 0);
        out.putShort((short) 0);
        address.writeTo(out);
    }
}
