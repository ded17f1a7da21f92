package org.jracoon.xfrm;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import org.jracoon.pfkey.Errno;
import org.jracoon.pfkey.LibC;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@code socket(AF_NETLINK, SOCK_RAW, protocol)} bound to a port id the kernel picks
 * (netlink(7)). Sending and receiving may happen on different threads; {@link #close()} must wait
 * until no thread is inside {@link #receive(int)}, since a closed descriptor number can be reused.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_ADD_MEMBERSHIP = 1;
    private static final int NETLINK_CAP_ACK = 10;
    private static final int NETLINK_EXT_ACK = 11;
    private static final int MSG_TRUNC = 0x20;
    private static final short POLLIN = 0x1;
    private static final int EINTR = 4;
    private static final int SOCKADDR_NL_LENGTH = 12;
    /** Dumps come in datagrams of at most 32 KiB (the kernel's cap for a dump skb); room to spare. */
    private static final int RECEIVE_BUFFER = 128 << 10;

    private final int fd;
    private final int portId;
    private final Memory buffer = new Memory(RECEIVE_BUFFER);
    private final Memory pollFd = new Memory(8);
    private final AtomicBoolean closed = new AtomicBoolean();

    private NetlinkSocket(int fd, int portId) {
        this.fd = fd;
        this.portId = portId;
    }

    /**
     * Opens and binds a netlink socket, asking for extended error reports (the kernel's own words
     * in NLMSG_ERROR) without the echo of our request.
     */
    public static NetlinkSocket open(int protocol) throws IOException {
        String what = "socket(AF_NETLINK, SOCK_RAW, " + protocol + ")";
        int fd;
        try {
            fd = LibC.INSTANCE.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        } catch (LastErrorException e) {
            throw failure(what, e);
        } catch (LinkageError e) {
            throw new IOException("netlink needs the C library through JNA: " + e.getMessage());
        }
        try (Memory address = new Memory(SOCKADDR_NL_LENGTH); Memory length = new Memory(4)) {
            address.clear();
            address.setShort(0, (short) AF_NETLINK);
            LibC.INSTANCE.bind(fd, address, SOCKADDR_NL_LENGTH);
            length.setInt(0, SOCKADDR_NL_LENGTH);
            LibC.INSTANCE.getsockname(fd, address, length);
            NetlinkSocket socket = new NetlinkSocket(fd, address.getInt(4));
            socket.setInt(SOL_NETLINK, NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
            socket.setInt(SOL_NETLINK, NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
            return socket;
        } catch (LastErrorException e) {
            LibC.INSTANCE.close(fd);
            throw failure(what + " bind", e);
        } catch (IOException e) {
            LibC.INSTANCE.close(fd);
            throw e;
        }
    }

    /** The port id the kernel gave this socket: its replies and our own changes' broadcasts carry it. */
    public int portId() {
        return portId;
    }

    /** Joins a multicast group (its number, not the bit mask of bind). */
    public void joinGroup(int group) throws IOException {
        setInt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP " + group);
    }

    /** As PF_KEY's: root may exceed {@code net.core.rmem_max}; others get what the limit allows. */
    public void setReceiveBufferSize(int bytes) throws IOException {
        try {
            setInt(SOL_SOCKET, SO_RCVBUFFORCE, bytes, "SO_RCVBUFFORCE");
        } catch (IOException e) {
            setInt(SOL_SOCKET, SO_RCVBUF, bytes, "SO_RCVBUF");
        }
    }

    private void setInt(int level, int name, int value, String what) throws IOException {
        try (Memory v = new Memory(4)) {
            v.setInt(0, value);
            LibC.INSTANCE.setsockopt(fd, level, name, v, 4);
        } catch (LastErrorException e) {
            throw failure("setsockopt(" + what + ")", e);
        }
    }

    public void send(NetlinkMessage message) throws IOException {
        byte[] bytes = message.encode();
        try {
            long sent = LibC.INSTANCE.send(fd, bytes, new NativeLong(bytes.length), 0).longValue();
            if (sent != bytes.length) {
                throw new IOException("netlink send: " + sent + " of " + bytes.length + " bytes sent");
            }
        } catch (LastErrorException e) {
            throw failure("netlink send type " + message.type(), e);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (negative: forever) for one datagram.
     *
     * @return the datagram, or empty when none arrived in time
     * @throws NetlinkOverrunException when the kernel dropped messages for this socket (ENOBUFS)
     */
    public Optional<byte[]> receive(int timeoutMillis) throws IOException {
        try {
            pollFd.setInt(0, fd);
            pollFd.setShort(4, POLLIN);
            pollFd.setShort(6, (short) 0);
            if (LibC.INSTANCE.poll(pollFd, new NativeLong(1), timeoutMillis) == 0) {
                return Optional.empty();
            }
            // With MSG_TRUNC netlink returns the datagram's real length, so a cut one is seen.
            long n = LibC.INSTANCE.recv(fd, buffer, new NativeLong(RECEIVE_BUFFER), MSG_TRUNC).longValue();
            if (n > RECEIVE_BUFFER) {
                throw new IOException("netlink datagram of " + n + " bytes exceeds the " + RECEIVE_BUFFER + "-byte buffer");
            }
            return Optional.of(buffer.getByteArray(0, (int) n));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EINTR) {
                return Optional.empty();
            }
            if (e.getErrorCode() == Errno.ENOBUFS) {
                throw new NetlinkOverrunException();
            }
            throw failure("netlink receive", e);
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
        if (closed.compareAndSet(false, true)) {
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException ignored) {
                // close(2) releases the descriptor even when it reports an error
            }
            buffer.close();
            pollFd.close();
        }
    }

    private static IOException failure(String what, LastErrorException e) {
        return new IOException(what + ": " + Errno.describe(e.getErrorCode()));
    }
}
