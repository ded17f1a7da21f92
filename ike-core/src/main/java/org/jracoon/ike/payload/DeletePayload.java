package org.jracoon.ike.payload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Delete payload, RFC 2408 section 3.15: one protocol, any number of SPIs of one size.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !              Domain of Interpretation  (DOI)                  !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Protocol-Id  !   SPI Size    !           # of SPIs           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~               Security Parameter Index(es) (SPI)              ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The SPI size must suit the protocol (16 for the ISAKMP cookie pair, 4 for AH/ESP, 2 or 4 for
 * IPComp) and size times count must fill the payload exactly.
 */
public record DeletePayload(int doi, int protocolId, List<Octets> spis) implements Payload {

    public DeletePayload {
        spis = List.copyOf(spis);
        if (spis.isEmpty() || spis.size() > 0xFFFF) {
            throw new IllegalArgumentException("a delete payload needs 1..65535 SPIs");
        }
        int size = spis.get(0).length();
        for (Octets spi : spis) {
            if (spi.length() != size || !ProtocolId.validSpiSize(protocolId, size, false)) {
                throw new IllegalArgumentException("SPI of " + spi.length() + " octets for "
                        + ProtocolId.name(protocolId));
            }
        }
    }

    /** An IPsec DOI deletion. */
    public static DeletePayload of(int protocolId, List<Octets> spis) {
        return new DeletePayload(SaPayload.DOI_IPSEC, protocolId, spis);
    }

    static DeletePayload decode(WireReader in) throws IsakmpProtocolException {
        int doi = in.u32();
        int protocol = in.u8();
        int spiSize = in.u8();
        int count = in.u16();
        if (protocol < ProtocolId.ISAKMP || protocol > ProtocolId.IPCOMP) {
            throw new IsakmpProtocolException(NotifyType.INVALID_PROTOCOL_ID, "delete protocol " + protocol);
        }
        if (!ProtocolId.validSpiSize(protocol, spiSize, false)) {
            throw IsakmpProtocolException.malformed("delete SPI size " + spiSize + " for " + ProtocolId.name(protocol));
        }
        if (count == 0 || count * spiSize != in.remaining()) {
            throw IsakmpProtocolException.malformed("delete of " + count + " SPIs of " + spiSize + " octets in "
                    + in.remaining() + " octets");
        }
        List<Octets> spis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            spis.add(in.octets(spiSize));
        }
        return new DeletePayload(doi, protocol, spis);
    }

    @Override
    public int type() {
        return PayloadType.DELETE;
    }

    @Override
    public int bodyLength() {
        return 8 + spis.size() * spis.get(0).length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.putInt(doi);
        out.put((byte) protocolId);
        out.put((byte) spis.get(0).length());
        out.putShort((short) spis.size());
        for (Octets spi : spis) {
            spi.writeTo(out);
        }
    }
}
