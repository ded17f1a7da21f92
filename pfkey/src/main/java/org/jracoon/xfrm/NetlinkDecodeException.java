package org.jracoon.xfrm;

/** Bytes from a netlink socket that are not a well-formed message: a length or a field is wrong. */
public final class NetlinkDecodeException extends Exception {
    public NetlinkDecodeException(String message) {
        super(message);
    }

    static void require(java.nio.ByteBuffer b, int n, String what) throws NetlinkDecodeException {
        if (b.remaining() < n) {
            throw new NetlinkDecodeException(what + " needs " + n + " bytes, " + b.remaining() + " left");
        }
    }
}
