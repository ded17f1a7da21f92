package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_LENGTH;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_VERSION;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.DUPLICATE_EXTENSION;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.MISALIGNED;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.TRUNCATED;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.UNKNOWN_MESSAGE_TYPE;

/**
 * A PF_KEY v2 message: {@code struct sadb_msg} (RFC 2367 section 2.1) and its extensions, in the
 * host's byte order, every length in 64-bit words.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+---------------+---------------+
 * |  sadb_msg_    |  sadb_msg_    |  sadb_msg_    |  sadb_msg_    |
 * |  version (2)  |  type         |  errno        |  satype       |
 * +---------------+---------------+---------------+---------------+
 * |          sadb_msg_len         |       sadb_msg_reserved       |
 * +---------------+---------------+---------------+---------------+
 * |                         sadb_msg_seq                          |
 * +---------------+---------------+---------------+---------------+
 * |                         sadb_msg_pid                          |
 * +---------------+---------------+---------------+---------------+
 * |                     extensions ...                            |
 * </pre>
 *
 * @param errno    0 in requests; the kernel's errno in a failed reply
 * @param saType   {@link Sadb#SATYPE_ESP} and friends
 * @param sequence chosen by the sender, echoed in the reply
 * @param pid      the sender's process id, echoed in the reply; 0 from the kernel
 */
public record SadbMessage(SadbMessageType type, int errno, int saType, int sequence, int pid,
                          List<SadbExtension> extensions) {
    public static final int HEADER_LENGTH = 16;
    /** {@code sadb_msg_len} is 16 bits of 64-bit words. */
    public static final int MAX_LENGTH = 0xffff * Wire.UNIT;

    public SadbMessage {
        Wire.checkU8(errno, "errno");
        Wire.checkU8(saType, "satype");
        extensions = List.copyOf(extensions);
        Set<SadbExtensionType> seen = EnumSet.noneOf(SadbExtensionType.class);
        for (SadbExtension e : extensions) {
            if (!seen.add(e.type())) {
                throw new IllegalArgumentException("extension " + e.type() + " twice");
            }
        }
    }

    /** A request with sequence and pid still to be filled in by the client that sends it. */
    public static SadbMessage request(SadbMessageType type, int saType, List<SadbExtension> extensions) {
        return new SadbMessage(type, 0, saType, 0, 0, extensions);
    }

    public SadbMessage withSequence(int sequence, int pid) {
        return new SadbMessage(type, errno, saType, sequence, pid, extensions);
    }

    public Optional<SadbExtension> extension(SadbExtensionType type) {
        return extensions.stream().filter(e -> e.type() == type).findFirst();
    }

    /** The extension of this type, if present and of the expected class. */
    public <T extends SadbExtension> Optional<T> extension(SadbExtensionType type, Class<T> kind) {
        return extension(type).filter(kind::isInstance).map(kind::cast);
    }

    public int encodedLength() {
        return HEADER_LENGTH + extensions.stream().mapToInt(SadbExtension::encodedLength).sum();
    }

    public byte[] encode() {
        int length = encodedLength();
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException(type + " message too long: " + length + " bytes");
        }
        ByteBuffer out = Wire.nativeBuffer(length);
        out.put((byte) Sadb.VERSION).put((byte) type.code()).put((byte) errno).put((byte) saType)
                .putShort((short) (length / Wire.UNIT)).putShort((short) 0).putInt(sequence).putInt(pid);
        for (SadbExtension e : extensions) {
            e.encode(out);
        }
        return out.array();
    }

    public static SadbMessage decode(byte[] datagram) throws SadbDecodeException {
        return decode(datagram, 0, datagram.length);
    }

    /** Decodes one datagram: exactly one message, whose declared length must be the datagram's. */
    public static SadbMessage decode(byte[] buf, int offset, int length) throws SadbDecodeException {
        ByteBuffer in = ByteBuffer.wrap(buf, offset, length).slice().order(ByteOrder.nativeOrder());
        Wire.require(in, HEADER_LENGTH, "sadb_msg");
        if (length % Wire.UNIT != 0) {
            throw new SadbDecodeException(MISALIGNED, "message of " + length + " bytes is not a multiple of 8");
        }
        int version = Wire.u8(in);
        int typeCode = Wire.u8(in);
        int errno = Wire.u8(in);
        int saType = Wire.u8(in);
        int declared = Wire.u16(in) * Wire.UNIT;
        in.getShort();
        int sequence = in.getInt();
        int pid = in.getInt();
        if (version != Sadb.VERSION) {
            throw new SadbDecodeException(BAD_VERSION, "PF_KEY version " + version);
        }
        if (declared < HEADER_LENGTH) {
            throw new SadbDecodeException(BAD_LENGTH, "sadb_msg_len of " + declared + " bytes is below the header");
        }
        if (declared > length) {
            throw new SadbDecodeException(TRUNCATED, "sadb_msg_len says " + declared + " bytes, datagram has " + length);
        }
        if (declared < length) {
            throw new SadbDecodeException(BAD_LENGTH, "sadb_msg_len says " + declared + " bytes, datagram has " + length);
        }
        SadbMessageType type = SadbMessageType.of(typeCode).orElseThrow(
                () -> new SadbDecodeException(UNKNOWN_MESSAGE_TYPE, "unknown message type " + typeCode));
        List<SadbExtension> extensions = new ArrayList<>();
        Set<SadbExtensionType> seen = EnumSet.noneOf(SadbExtensionType.class);
        while (in.hasRemaining()) {
            SadbExtension e = SadbExtension.decode(in);
            if (!seen.add(e.type())) {
                throw new SadbDecodeException(DUPLICATE_EXTENSION, type + " carries " + e.type() + " twice");
            }
            extensions.add(e);
        }
        return new SadbMessage(type, errno, saType, sequence, pid, extensions);
    }
}
