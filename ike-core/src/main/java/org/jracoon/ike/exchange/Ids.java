package org.jracoon.ike.exchange;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.payload.IdPayload;
import org.jracoon.ike.payload.IdType;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;

/**
 * Quick Mode client IDs (RFC 2409 section 5.5, RFC 2407 section 4.6.2) and the selector halves
 * they stand for: a host is an address ID, a network a subnet ID; protocol 0 means any.
 */
final class Ids {

    private Ids() {
    }

    /** The ID of one side of a selector. */
    static IdPayload of(IpPrefix prefix, int port, int upperProtocol) {
        int protocol = upperProtocol == TrafficSelector.ANY_PROTOCOL ? 0 : upperProtocol;
        if (prefix.length() == prefix.address().getAddress().length * 8) {
            return IdPayload.ofAddress(prefix.address(), protocol, port);
        }
        return IdPayload.ofSubnet(prefix.address(), prefix.length(), protocol, port);
    }

    /** The address range an ID names. */
    static IpPrefix prefix(IdPayload id) throws IsakmpProtocolException {
        byte[] data = id.data().toByteArray();
        switch (id.idType()) {
            case IdType.IPV4_ADDR, IdType.IPV6_ADDR -> {
                return IpPrefix.host(address(data));
            }
            case IdType.IPV4_ADDR_SUBNET, IdType.IPV6_ADDR_SUBNET -> {
                int half = data.length / 2;
                byte[] mask = Arrays.copyOfRange(data, half, data.length);
                int length = 0;
                while (length < half * 8 && (mask[length / 8] & (0x80 >>> length % 8)) != 0) {
                    length++;
                }
                for (int bit = length; bit < half * 8; bit++) {
                    if ((mask[bit / 8] & (0x80 >>> bit % 8)) != 0) {
                        throw new IsakmpProtocolException(NotifyType.INVALID_ID_INFORMATION,
                                "non-contiguous subnet mask in " + IdType.name(id.idType()));
                    }
                }
                return new IpPrefix(address(Arrays.copyOf(data, half)), length);
            }
            default -> throw new IsakmpProtocolException(NotifyType.INVALID_ID_INFORMATION,
                    IdType.name(id.idType()) + " is not supported as a Quick Mode ID");
        }
    }

    /** The selector, seen from our side, of the IDs a peer sent (its IDci is its side). */
    static TrafficSelector selector(IdPayload ours, IdPayload theirs) throws IsakmpProtocolException {
        if (ours.protocol() != theirs.protocol()) {
            throw new IsakmpProtocolException(NotifyType.INVALID_ID_INFORMATION, "IDs name protocols "
                    + ours.protocol() + " and " + theirs.protocol());
        }
        IpPrefix local = prefix(ours);
        IpPrefix remote = prefix(theirs);
        if (local.address().getClass() != remote.address().getClass()) {
            throw new IsakmpProtocolException(NotifyType.INVALID_ID_INFORMATION, "IDs of different families");
        }
        int protocol = ours.protocol() == 0 ? TrafficSelector.ANY_PROTOCOL : ours.protocol();
        return new TrafficSelector(local, ours.port(), remote, theirs.port(), protocol);
    }

    /** One line for logs: the ID's type and value. */
    static String describe(IdPayload id) {
        byte[] data = id.data().toByteArray();
        String value = switch (id.idType()) {
            case IdType.FQDN, IdType.USER_FQDN, IdType.DER_ASN1_DN, IdType.KEY_ID ->
                    id.idType() == IdType.FQDN || id.idType() == IdType.USER_FQDN
                            ? new String(data, StandardCharsets.US_ASCII) : id.data().hex();
            default -> {
                try {
                    yield prefix(id).toString();
                } catch (IsakmpProtocolException e) {
                    yield id.data().hex();
                }
            }
        };
        return IdType.name(id.idType()) + " " + value;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            // getByAddress fails only on a length other than 4 or 16, which IdPayload excludes
            throw new IllegalStateException(e);
        }
    }
}
