package org.jracoon.ike.payload;

import java.nio.ByteBuffer;

/**
 * IKE fragment payload (private type 132): one piece of a message too large for one datagram,
 * as racoon's {@code ike_frag} and strongSwan send it. The fragments of one message share a
 * fragment ID; the one flagged LAST closes it, and the reassembled bytes form a message body.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !        Payload Length         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !          Fragment ID          !  Fragment #   !     Flags     !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                         Fragment Data                         ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record FragmentPayload(int fragmentId, int number, int flags, Octets data) implements Payload {

    public static final int FLAG_LAST = 0x01;

    public FragmentPayload {
        if ((fragmentId & ~0xFFFF) != 0 || (number & ~0xFF) != 0 || (flags & ~0xFF) != 0) {
            throw new IllegalArgumentException("fragment field out of range");
        }
    }

    static FragmentPayload decode(WireReader in) throws IsakmpProtocolException {
        int id = in.u16();
        int number = in.u8();
        int flags = in.u8();
        if (number == 0 || in.remaining() == 0) {
            throw IsakmpProtocolException.malformed("fragment #" + number + " with " + in.remaining() + " octets");
        }
        return new FragmentPayload(id, number, flags, in.rest());
    }

    public boolean last() {
        return (flags & FLAG_LAST) != 0;
    }

    @Override
    public int type() {
        return PayloadType.FRAGMENT;
    }

    @Override
    public int bodyLength() {
        return 4 + data.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.putShort((short) fragmentId);
        out.put((byte) number);
        out.put((byte) flags);
        data.writeTo(out);
    }
}
