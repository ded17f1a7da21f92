package org.jracoon.xfrm;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import org.jracoon.pfkey.Errno;
import org.jracoon.pfkey.KernelSocket;
import org.jracoon.pfkey.LibC;

import java.io.IOException;
import java.util.Optional;

/**
 * A {@code socket(AF_NETLINK, SOCK_RAW, protocol)} bound to a port id the kernel picks
 * (netlink(7)), over pfkey's {@link KernelSocket}; the same threading rules hold.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int AF_NETLINK = 16;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_ADD_MEMBERSHIP = 1;
    private static final int NETLINK_CAP_ACK = 10;
    private static final int NETLINK_EXT_ACK = 11;
    private static final int SOCKADDR_NL_LENGTH = 12;
    /** Dumps come in datagrams of at most 32 KiB (the kernel's cap for a dump skb); room to spare. */
    private static final int RECEIVE_BUFFER = 128 << 10;

    private final KernelSocket socket;
    private final int portId;

    /** Over a socket opened elsewhere with the port id it has; tests pass one end of an AF_UNIX socket pair. */
    NetlinkSocket(KernelSocket socket, int portId) {
        this.socket = socket;
        this.portId = portId;
    }

    /**
     * Opens and binds a netlink socket, asking for extended error reports (the kernel's own words
     * in NLMSG_ERROR) without the echo of our request.
     */
    public static NetlinkSocket open(int protocol) throws IOException {
        String what = "socket(AF_NETLINK, SOCK_RAW, " + protocol + ")";
        KernelSocket socket = KernelSocket.open(AF_NETLINK, LibC.SOCK_RAW, protocol, what, RECEIVE_BUFFER);
        try (Memory address = new Memory(SOCKADDR_NL_LENGTH); Memory length = new Memory(4)) {
            address.clear();
            address.setShort(0, (short) AF_NETLINK);
            LibC.INSTANCE.bind(socket.fd(), address, SOCKADDR_NL_LENGTH);
            length.setInt(0, SOCKADDR_NL_LENGTH);
            LibC.INSTANCE.getsockname(socket.fd(), address, length);
            socket.setInt(SOL_NETLINK, NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
            socket.setInt(SOL_NETLINK, NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
            return new NetlinkSocket(socket, address.getInt(4));
        } catch (LastErrorException e) {
            socket.close();
            throw new KernelSocket.ErrnoException(what + " bind", e.getErrorCode());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The port id the kernel gave this socket: its replies and our own changes' broadcasts carry it. */
    public int portId() {
        return portId;
    }

    /** Joins a multicast group (its number, not the bit mask of bind). */
    public void joinGroup(int group) throws IOException {
        socket.setInt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP " + group);
    }

    /** See {@link KernelSocket#setReceiveBufferSize(int)}. */
    public void setReceiveBufferSize(int bytes) throws IOException {
        socket.setReceiveBufferSize(bytes);
    }

    public void send(NetlinkMessage message) throws IOException {
        socket.send(message.encode(), "netlink send type " + message.type());
    }

    /**
     * Waits up to {@code timeoutMillis} (negative: forever) for one datagram.
     *
     * @return the datagram, or empty when none arrived in time
     * @throws NetlinkOverrunException when the kernel dropped messages for this socket (ENOBUFS)
     */
    public Optional<byte[]> receive(int timeoutMillis) throws IOException {
        try {
            return socket.receive(timeoutMillis);
        } catch (KernelSocket.ErrnoException e) {
            if (e.errno() == Errno.ENOBUFS) {
                throw new NetlinkOverrunException();
            }
            throw new IOException("netlink " + e.getMessage());
        }
    }

    /** The kernel's receive queue for this socket overflowed; what it held is lost, the socket still works. */
    public static final class NetlinkOverrunException extends IOException {
        NetlinkOverrunException() {
            super("netlink receive queue overflowed: kernel messages were lost (" + Errno.describe(Errno.ENOBUFS) + ")");
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
