package org.jracoon.ike.payload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Transform payload, RFC 2408 section 3.6; only found inside a {@link ProposalPayload}. The
 * attributes are {@link IkeAttributes} for KEY_IKE and {@link IpsecAttributes} otherwise.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Transform #  !  Transform-Id !           RESERVED2           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        SA Attributes                          ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record TransformPayload(int number, int transformId, List<Attribute> attributes) implements Payload {

    public TransformPayload {
        attributes = List.copyOf(attributes);
        if ((number & ~0xFF) != 0 || (transformId & ~0xFF) != 0) {
            throw new IllegalArgumentException("transform number and id are one octet each");
        }
    }

    static TransformPayload decode(WireReader in) throws IsakmpProtocolException {
        int number = in.u8();
        int id = in.u8();
        in.u16(); // RESERVED2
        List<Attribute> attributes = new ArrayList<>();
        while (in.remaining() > 0) {
            attributes.add(Attribute.decode(in));
        }
        return new TransformPayload(number, id, attributes);
    }

    /** The first attribute of {@code attributeType}, if present. */
    public Optional<Attribute> attribute(int attributeType) {
        for (Attribute a : attributes) {
            if (a.type() == attributeType) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    public int type() {
        return PayloadType.TRANSFORM;
    }

    @Override
    public int bodyLength() {
        int n = 4;
        for (Attribute a : attributes) {
            n += a.encodedLength();
        }
        return n;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) number);
        out.put((byte) transformId);
        out.putShort((short) 0);
        for (Attribute a : attributes) {
            a.encode(out);
        }
    }
}
