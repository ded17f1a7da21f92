package org.jracoon.ike.payload;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Identification payload, RFC 2408 section 3.8, in the IPsec DOI form of RFC 2407 section
 * 4.6.2: the DOI-specific field holds the IP protocol and port (zero in phase 1 unless the
 * sender binds its identity to UDP/500, as racoon does).
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !        Payload Length         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !   ID Type     !  Protocol ID  !             Port              !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                     Identification Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Address types must carry exactly their address (and mask or range end) octets.
 */
public record IdPayload(int idType, int protocol, int port, Octets data) implements Payload {

    public IdPayload {
        int fixed = IdType.fixedLength(idType);
        if (fixed == -2 || fixed >= 0 && data.length() != fixed || fixed == -1 && data.isEmpty()) {
            throw new IllegalArgumentException(IdType.name(idType) + " with " + data.length() + " octets");
        }
        if ((protocol & ~0xFF) != 0 || (port & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("protocol " + protocol + " port " + port);
        }
    }

    /** ID_IPV4_ADDR or ID_IPV6_ADDR of {@code address}, any protocol and port. */
    public static IdPayload ofAddress(InetAddress address) {
        return ofAddress(address, 0, 0);
    }

    /** ID_IPV4_ADDR or ID_IPV6_ADDR of {@code address}, bound to an IP protocol and port. */
    public static IdPayload ofAddress(InetAddress address, int protocol, int port) {
        int type = address instanceof Inet4Address ? IdType.IPV4_ADDR : IdType.IPV6_ADDR;
        return new IdPayload(type, protocol, port, Octets.of(address.getAddress()));
    }

    /** ID_IPV4_ADDR_SUBNET or ID_IPV6_ADDR_SUBNET: the network address followed by its mask. */
    public static IdPayload ofSubnet(InetAddress network, int prefixLength, int protocol, int port) {
        byte[] addr = network.getAddress();
        if (prefixLength < 0 || prefixLength > addr.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength);
        }
        byte[] data = new byte[addr.length * 2];
        System.arraycopy(addr, 0, data, 0, addr.length);
        for (int bit = 0; bit < prefixLength; bit++) {
            data[addr.length + bit / 8] |= (byte) (0x80 >>> bit % 8);
        }
        int type = network instanceof Inet4Address ? IdType.IPV4_ADDR_SUBNET : IdType.IPV6_ADDR_SUBNET;
        return new IdPayload(type, protocol, port, Octets.of(data));
    }

    public static IdPayload ofFqdn(String fqdn) {
        return new IdPayload(IdType.FQDN, 0, 0, Octets.of(fqdn.getBytes(StandardCharsets.US_ASCII)));
    }

    public static IdPayload ofUserFqdn(String userFqdn) {
        return new IdPayload(IdType.USER_FQDN, 0, 0, Octets.of(userFqdn.getBytes(StandardCharsets.US_ASCII)));
    }

    static IdPayload decode(WireReader in) throws IsakmpProtocolException {
        int idType = in.u8();
        int protocol = in.u8();
        int port = in.u16();
        int fixed = IdType.fixedLength(idType);
        if (fixed == -2) {
            throw new IsakmpProtocolException(NotifyType.INVALID_ID_INFORMATION, "unknown ID type " + idType);
        }
        int length = in.remaining();
        if (fixed >= 0 && length != fixed || fixed == -1 && length == 0) {
            throw IsakmpProtocolException.malformed(IdType.name(idType) + " with " + length + " octets of data");
        }
        return new IdPayload(idType, protocol, port, in.rest());
    }

    @Override
    public int type() {
        return PayloadType.ID;
    }

    @Override
    public int bodyLength() {
        return 4 + data.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) idType);
        out.put((byte) protocol);
        out.putShort((short) port);
        data.writeTo(out);
    }
}
