package org.jracoon.ike.payload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A data attribute, RFC 2408 section 3.3: basic (TV, AF=1, a 16-bit value in place of the
 * length) or variable (TLV, AF=0).
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !A!       Attribute Type        !    AF=0  Attribute Length     !
 * !F!                             !    AF=1  Attribute Value      !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                   AF=0  Attribute Value                       .
 * .                   AF=1  Not Transmitted                       .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The form is kept as received, so a re-encoded transform matches the sender's bytes (which a
 * phase-1 SA payload must, since it is hashed as SAi_b).
 *
 * @param value two octets for a basic attribute
 */
public record Attribute(int type, boolean basic, Octets value) {

    private static final int AF = 0x8000;

    public Attribute {
        if ((type & ~0x7FFF) != 0) {
            throw new IllegalArgumentException("attribute type " + type + " exceeds 15 bits");
        }
        if (basic ? value.length() != 2 : value.length() > 0xFFFF) {
            throw new IllegalArgumentException("attribute value of " + value.length() + " octets");
        }
    }

    /** A basic (TV) attribute. */
    public static Attribute basic(int type, int value) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("basic attribute value " + value + " exceeds 16 bits");
        }
        return new Attribute(type, true, Octets.of((byte) (value >>> 8), (byte) value));
    }

    /** A variable (TLV) attribute. */
    public static Attribute variable(int type, Octets value) {
        return new Attribute(type, false, value);
    }

    /**
     * A number in the shortest form: basic when it fits 16 bits, otherwise a 4-octet variable
     * attribute (how racoon sends life durations).
     */
    public static Attribute number(int type, long value) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("attribute value " + value + " exceeds 32 bits");
        }
        if (value <= 0xFFFF) {
            return basic(type, (int) value);
        }
        return variable(type, Octets.of((byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
                (byte) value));
    }

    /**
     * A run of attributes filling {@code data}, as a notification carries them (RESPONDER-LIFETIME,
     * RFC 2407 section 4.6.3.1).
     *
     * @throws IsakmpProtocolException PAYLOAD-MALFORMED if an attribute overruns the data
     */
    public static List<Attribute> decodeAll(Octets data) throws IsakmpProtocolException {
        byte[] bytes = data.toByteArray();
        WireReader in = new WireReader(bytes, 0, bytes.length);
        List<Attribute> out = new ArrayList<>();
        while (in.remaining() > 0) {
            out.add(decode(in));
        }
        return out;
    }

    static Attribute decode(WireReader in) throws IsakmpProtocolException {
        int word = in.u16();
        int type = word & 0x7FFF;
        if ((word & AF) != 0) {
            return new Attribute(type, true, in.octets(2));
        }
        int length = in.u16();
        return new Attribute(type, false, in.octets(length));
    }

    /**
     * The value as an unsigned number (RFC 2407 section 4.5 lets variable-length numbers such
     * as life durations have any length).
     *
     * @throws IsakmpProtocolException ATTRIBUTES-NOT-SUPPORTED if it does not fit 64 bits
     */
    public long longValue() throws IsakmpProtocolException {
        int start = 0;
        while (start < value.length() && value.byteAt(start) == 0) {
            start++;
        }
        if (value.length() - start > 8 || value.length() - start == 8 && value.byteAt(start) < 0) {
            throw new IsakmpProtocolException(NotifyType.ATTRIBUTES_NOT_SUPPORTED, "attribute " + type
                    + " value of " + value.length() + " octets is too large");
        }
        long v = 0;
        for (int i = start; i < value.length(); i++) {
            v = v << 8 | value.byteAt(i) & 0xFF;
        }
        return v;
    }

    int encodedLength() {
        return basic ? 4 : 4 + value.length();
    }

    void encode(ByteBuffer out) {
        if (basic) {
            out.putShort((short) (AF | type));
        } else {
            out.putShort((short) type);
            out.putShort((short) value.length());
        }
        value.writeTo(out);
    }

    @Override
    public String toString() {
        return type + (basic ? "=" : ":") + value.hex();
    }
}
