package org.jracoon.ike.payload;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Proposal payload, RFC 2408 section 3.5; only found inside an {@link SaPayload}. Proposals
 * sharing a number form one AND-ed bundle (e.g. AH and ESP), different numbers are alternatives.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Proposal #   !  Protocol-Id  !    SPI Size   !# of Transforms!
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                        SPI (variable)                         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                  Transform payloads ...                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ProposalPayload(int number, int protocolId, Octets spi, List<TransformPayload> transforms)
        implements Payload {

    /** The # of Transforms field is one octet. */
    public static final int MAX_TRANSFORMS = 255;

    public ProposalPayload {
        transforms = List.copyOf(transforms);
        if (transforms.isEmpty() || transforms.size() > MAX_TRANSFORMS) {
            throw new IllegalArgumentException("a proposal needs 1.." + MAX_TRANSFORMS + " transforms");
        }
        if ((number & ~0xFF) != 0 || !validSpi(protocolId, spi.length())) {
            throw new IllegalArgumentException("bad proposal number or SPI size for " + ProtocolId.name(protocolId));
        }
    }

    static ProposalPayload decode(WireReader in) throws IsakmpProtocolException {
        int number = in.u8();
        int protocol = in.u8();
        int spiSize = in.u8();
        int count = in.u8();
        if (protocol < ProtocolId.ISAKMP || protocol > ProtocolId.IPCOMP) {
            throw new IsakmpProtocolException(NotifyType.INVALID_PROTOCOL_ID, "proposal protocol " + protocol);
        }
        if (!validSpi(protocol, spiSize)) {
            throw IsakmpProtocolException.malformed("SPI size " + spiSize + " for " + ProtocolId.name(protocol));
        }
        Octets spi = in.octets(spiSize);
        if (count == 0) {
            throw IsakmpProtocolException.malformed("proposal without transforms");
        }
        // Reading stops after the announced count, so a chain longer than announced is refused
        // before the surplus is parsed.
        List<TransformPayload> transforms = PayloadChain.read(in, PayloadType.TRANSFORM, count, false,
                (type, critical, body) -> {
                    if (type != PayloadType.TRANSFORM) {
                        throw IsakmpProtocolException.malformed(PayloadType.name(type) + " in a transform chain");
                    }
                    return TransformPayload.decode(body);
                });
        if (transforms.size() != count) {
            throw IsakmpProtocolException.malformed("proposal announces " + count + " transforms, carries "
                    + transforms.size());
        }
        return new ProposalPayload(number, protocol, spi, transforms);
    }

    /** Phase 1 proposals may omit the SPI (RFC 2408 section 3.5); IPsec proposals carry theirs. */
    private static boolean validSpi(int protocol, int spiSize) {
        return ProtocolId.validSpiSize(protocol, spiSize, protocol == ProtocolId.ISAKMP);
    }

    @Override
    public int type() {
        return PayloadType.PROPOSAL;
    }

    @Override
    public int bodyLength() {
        return 4 + spi.length() + PayloadChain.length(transforms);
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) number);
        out.put((byte) protocolId);
        out.put((byte) spi.length());
        out.put((byte) transforms.size());
        spi.writeTo(out);
        PayloadChain.encode(transforms, out);
    }
}
