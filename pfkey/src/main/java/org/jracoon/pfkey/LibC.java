package org.jracoon.pfkey;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls the kernel sockets need (PF_KEY here, NETLINK_XFRM in org.jracoon.xfrm);
 * methods that declare it report errno.
 */
public interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int AF_KEY = 15;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int PF_KEY_V2 = 2;
    int SOL_SOCKET = 1;
    int SO_SNDBUF = 7;
    int SO_RCVBUF = 8;
    int SO_RCVBUFFORCE = 33;
    int IPPROTO_IP = 0;
    int IPPROTO_IPV6 = 41;
    int IP_IPSEC_POLICY = 16;
    int IPV6_IPSEC_POLICY = 34;
    int MSG_TRUNC = 0x20;
    short POLLIN = 0x1;
    int EINTR = 4;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    NativeLong send(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

    NativeLong recv(int fd, Pointer buf, NativeLong len, int flags) throws LastErrorException;

    /** {@code struct pollfd} is {int fd; short events; short revents}, laid out by the caller. */
    int poll(Pointer fds, NativeLong nfds, int timeoutMillis) throws LastErrorException;

    int setsockopt(int fd, int level, int name, Pointer value, int length) throws LastErrorException;

    int bind(int fd, Pointer address, int length) throws LastErrorException;

    /** {@code length} points at an int holding the buffer's size, then the address's. */
    int getsockname(int fd, Pointer address, Pointer length) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    String strerror(int errno);
}
