package org.jracoon.pfkey.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_LENGTH;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_VALUE;

/**
 * {@code struct sadb_x_policy} (KAME/Linux): a security policy's action, direction, kernel id and
 * priority, followed by its ipsec requests (the SA bundle an IPSEC policy requires).
 * <pre>
 * +-------------------------------+-------------------------------+
 * |      sadb_x_policy_len        |    sadb_x_policy_exttype      |
 * +-------------------------------+---------------+---------------+
 * |      sadb_x_policy_type       |      dir      |   reserved    |
 * +-------------------------------+---------------+---------------+
 * |                       sadb_x_policy_id                        |
 * |                    sadb_x_policy_priority                     |
 * +---------------------------------------------------------------+
 * |               sadb_x_ipsecrequest ... (each its own length)   |
 * </pre>
 */
public record PolicyExtension(int policyType, int direction, int id, int priority, List<IpsecRequest> requests)
        implements SadbExtension {
    static final int FIXED = 12;

    /**
     * {@code struct sadb_x_ipsecrequest}: one SA of the bundle. Its length counts bytes, not
     * 64-bit words; tunnel requests are followed by the outer source and destination sockaddrs.
     * <pre>
     * +-------------------------------+-------------------------------+
     * |  sadb_x_ipsecrequest_len (B)  |   proto (IPPROTO_ESP/AH/COMP) |
     * +---------------+---------------+-------------------------------+
     * |     mode      |     level     |          reserved1            |
     * +---------------+---------------+-------------------------------+
     * |                            reqid                              |
     * |                          reserved2                            |
     * +---------------------------------------------------------------+
     * |         [sockaddr src][sockaddr dst] when endpoints are given |
     * </pre>
     *
     * @param source      outer source, or {@code null} for none (transport mode)
     * @param destination outer destination, or {@code null} when {@code source} is
     */
    public record IpsecRequest(int protocol, int mode, int level, int reqid, InetAddress source, InetAddress destination) {
        static final int FIXED = 16;

        public IpsecRequest {
            Wire.checkU16(protocol, "protocol");
            Wire.checkU8(mode, "mode");
            Wire.checkU8(level, "level");
            if ((source == null) != (destination == null)) {
                throw new IllegalArgumentException("ipsec request needs both endpoints or none");
            }
            if (source != null && source.getClass() != destination.getClass()) {
                throw new IllegalArgumentException("ipsec request endpoints of different families");
            }
        }

        int length() {
            return FIXED + (source == null ? 0 : 2 * SockAddr.length(source));
        }

        void encode(ByteBuffer out) {
            out.putShort((short) length()).putShort((short) protocol).put((byte) mode).put((byte) level)
                    .putShort((short) 0).putInt(reqid).putInt(0);
            if (source != null) {
                SockAddr.write(out, source, 0);
                SockAddr.write(out, destination, 0);
            }
        }

        static IpsecRequest decode(ByteBuffer b) throws SadbDecodeException {
            Wire.require(b, FIXED, "sadb_x_ipsecrequest");
            int length = Wire.u16(b);
            if (length < FIXED || length - 2 > b.remaining()) {
                throw new SadbDecodeException(BAD_LENGTH, "sadb_x_ipsecrequest length " + length
                        + " with " + (b.remaining() + 2) + " bytes left");
            }
            ByteBuffer r = b.slice(b.position(), length - 2).order(b.order());
            b.position(b.position() + length - 2);
            int protocol = Wire.u16(r);
            int mode = Wire.u8(r);
            int level = Wire.u8(r);
            r.getShort();
            int reqid = r.getInt();
            r.getInt();
            InetAddress src = null;
            InetAddress dst = null;
            if (r.hasRemaining()) {
                InetSocketAddress s = SockAddr.read(r, "ipsec request source");
                InetSocketAddress d = SockAddr.read(r, "ipsec request destination");
                if (s.getAddress().getClass() != d.getAddress().getClass()) {
                    throw new SadbDecodeException(BAD_VALUE, "ipsec request endpoints of different families");
                }
                src = s.getAddress();
                dst = d.getAddress();
            }
            if (r.hasRemaining()) {
                throw new SadbDecodeException(BAD_LENGTH, "sadb_x_ipsecrequest has " + r.remaining() + " stray bytes");
            }
            return new IpsecRequest(protocol, mode, level, reqid, src, dst);
        }
    }

    public PolicyExtension {
        Wire.checkU16(policyType, "policy type");
        Wire.checkU8(direction, "direction");
        requests = List.copyOf(requests);
        for (IpsecRequest r : requests) {
            Objects.requireNonNull(r);
        }
    }

    @Override
    public SadbExtensionType type() {
        return SadbExtensionType.X_POLICY;
    }

    @Override
    public int bodyLength() {
        return FIXED + requests.stream().mapToInt(IpsecRequest::length).sum();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.putShort((short) policyType).put((byte) direction).put((byte) 0).putInt(id).putInt(priority);
        for (IpsecRequest r : requests) {
            r.encode(out);
        }
    }

    static PolicyExtension decodeBody(ByteBuffer b) throws SadbDecodeException {
        Wire.require(b, FIXED, "sadb_x_policy");
        int type = Wire.u16(b);
        int dir = Wire.u8(b);
        b.get();
        int id = b.getInt();
        int priority = b.getInt();
        List<IpsecRequest> requests = new ArrayList<>();
        // Requests fill the extension; only padding shorter than a request header may follow.
        while (b.remaining() >= IpsecRequest.FIXED) {
            requests.add(IpsecRequest.decode(b));
        }
        Wire.requirePaddingOnly(b, "sadb_x_policy");
        return new PolicyExtension(type, dir, id, priority, requests);
    }
}
