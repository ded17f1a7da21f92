package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;

import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_LENGTH;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.TRUNCATED;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.UNKNOWN_EXTENSION_TYPE;

/**
 * One extension of a SADB message. Every extension starts with the generic header
 * (RFC 2367 section 2.2) and is padded to a multiple of 8 bytes:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------------------------------+-------------------------------+
 * |   sadb_ext_len (64-bit words) |        sadb_ext_type          |
 * +-------------------------------+-------------------------------+
 * |                 type-specific body ... padding                |
 * </pre>
 * Values implement {@link #bodyLength()} and {@link #encodeBody(ByteBuffer)}; this interface adds
 * the header and padding, and {@link #decode(ByteBuffer)} dispatches on the type.
 */
public sealed interface SadbExtension
        permits SaExtension, LifetimeExtension, AddressExtension, KeyExtension, IdentityExtension,
        ProposalExtension, SupportedExtension, SpiRangeExtension, Sa2Extension, PolicyExtension,
        NatTypeExtension, NatPortExtension, OpaqueExtension {

    int HEADER_LENGTH = 4;

    SadbExtensionType type();

    /** Bytes after the 4-byte header, without padding. */
    int bodyLength();

    /** Writes exactly {@link #bodyLength()} bytes. */
    void encodeBody(ByteBuffer out);

    /** Encoded size including the header and padding. */
    default int encodedLength() {
        return Wire.align8(HEADER_LENGTH + bodyLength());
    }

    default void encode(ByteBuffer out) {
        int length = encodedLength();
        if (length / Wire.UNIT > 0xffff) {
            throw new IllegalArgumentException(type() + " extension too long: " + length + " bytes");
        }
        out.putShort((short) (length / Wire.UNIT));
        out.putShort((short) type().code());
        int start = out.position();
        encodeBody(out);
        Wire.pad(out, length - HEADER_LENGTH - (out.position() - start));
    }

    /**
     * Decodes the extension at the buffer's position and advances past it; the buffer's limit is
     * the end of the enclosing message.
     */
    static SadbExtension decode(ByteBuffer in) throws SadbDecodeException {
        Wire.require(in, HEADER_LENGTH, "extension header");
        int offset = in.position();
        int units = Wire.u16(in);
        int code = Wire.u16(in);
        if (units == 0) {
            throw new SadbDecodeException(BAD_LENGTH, "extension type " + code + " at offset " + offset + " has length 0");
        }
        int length = units * Wire.UNIT;
        if (length > in.remaining() + HEADER_LENGTH) {
            throw new SadbDecodeException(TRUNCATED, "extension type " + code + " at offset " + offset
                    + " claims " + length + " bytes, " + (in.remaining() + HEADER_LENGTH) + " left");
        }
        SadbExtensionType type = SadbExtensionType.of(code).orElseThrow(() -> new SadbDecodeException(
                UNKNOWN_EXTENSION_TYPE, "unknown extension type " + code + " at offset " + offset));
        ByteBuffer body = in.slice(in.position(), length - HEADER_LENGTH).order(in.order());
        in.position(in.position() + length - HEADER_LENGTH);
        return switch (type) {
            case SA -> SaExtension.decodeBody(body);
            case LIFETIME_CURRENT, LIFETIME_HARD, LIFETIME_SOFT -> LifetimeExtension.decodeBody(type, body);
            case ADDRESS_SRC, ADDRESS_DST, ADDRESS_PROXY, X_NAT_T_OA -> AddressExtension.decodeBody(type, body);
            case KEY_AUTH, KEY_ENCRYPT -> KeyExtension.decodeBody(type, body);
            case IDENTITY_SRC, IDENTITY_DST -> IdentityExtension.decodeBody(type, body);
            case PROPOSAL -> ProposalExtension.decodeBody(body);
            case SUPPORTED_AUTH, SUPPORTED_ENCRYPT -> SupportedExtension.decodeBody(type, body);
            case SPIRANGE -> SpiRangeExtension.decodeBody(body);
            case X_SA2 -> Sa2Extension.decodeBody(body);
            case X_POLICY -> PolicyExtension.decodeBody(body);
            case X_NAT_T_TYPE -> NatTypeExtension.decodeBody(body);
            case X_NAT_T_SPORT, X_NAT_T_DPORT -> NatPortExtension.decodeBody(type, body);
            // Carried unread: the daemon has no use for them, and keeping their bytes lets a
            // message round-trip (sadb_x_sec_ctx arrives on SELinux hosts).
            case SENSITIVITY, X_KMPRIVATE, X_SEC_CTX, X_KMADDRESS, X_FILTER -> OpaqueExtension.decodeBody(type, body);
        };
    }
}
