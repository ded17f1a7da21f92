package org.jracoon.ike.payload;

import java.nio.ByteBuffer;

/**
 * Notification payload, RFC 2408 section 3.14; the message types are {@link NotifyType}.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !              Domain of Interpretation  (DOI)                  !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Protocol-ID  !   SPI Size    !      Notify Message Type      !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                Security Parameter Index (SPI)                 ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       Notification Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * For the ISAKMP SA the SPI is the cookie pair (16 octets, as INITIAL-CONTACT and DPD send it)
 * or absent; protocol 0 with no SPI is accepted for notifications about no SA in particular.
 */
public record NotifyPayload(int doi, int protocolId, Octets spi, int notifyType, Octets data) implements Payload {

    public NotifyPayload {
        if (!validSpi(protocolId, spi.length()) || (notifyType & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("notify " + notifyType + " with protocol " + protocolId
                    + " and SPI of " + spi.length() + " octets");
        }
    }

    /** An IPsec DOI notification. */
    public static NotifyPayload of(int protocolId, Octets spi, int notifyType, Octets data) {
        return new NotifyPayload(SaPayload.DOI_IPSEC, protocolId, spi, notifyType, data);
    }

    static NotifyPayload decode(WireReader in) throws IsakmpProtocolException {
        int doi = in.u32();
        int protocol = in.u8();
        int spiSize = in.u8();
        int type = in.u16();
        if (protocol > ProtocolId.IPCOMP) {
            throw new IsakmpProtocolException(NotifyType.INVALID_PROTOCOL_ID, "notify protocol " + protocol);
        }
        if (!validSpi(protocol, spiSize)) {
            throw IsakmpProtocolException.malformed("notify SPI size " + spiSize + " for " + ProtocolId.name(protocol));
        }
        Octets spi = in.octets(spiSize);
        return new NotifyPayload(doi, protocol, spi, type, in.rest());
    }

    private static boolean validSpi(int protocol, int spiSize) {
        return protocol == 0 ? spiSize == 0 : ProtocolId.validSpiSize(protocol, spiSize, true);
    }

    @Override
    public int type() {
        return PayloadType.NOTIFY;
    }

    @Override
    public int bodyLength() {
        return 8 + spi.length() + data.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.putInt(doi);
        out.put((byte) protocolId);
        out.put((byte) spi.length());
        out.putShort((short) notifyType);
        spi.writeTo(out);
        data.writeTo(out);
    }

    @Override
    public String toString() {
        return "NOTIFY " + NotifyType.name(notifyType) + " " + ProtocolId.name(protocolId)
                + (spi.isEmpty() ? "" : " spi=" + spi.hex()) + (data.isEmpty() ? "" : " data=" + data.hex());
    }
}
