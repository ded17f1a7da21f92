package org.jracoon.daemon.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.jracoon.ike.engine.Datagram;
import org.jracoon.pfkey.IkeSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The daemon's UDP sockets: one per listen address and port (racoon's {@code listen { isakmp;
 * isakmp_natt; }}), so that every reply leaves from the address the request came to and NAT-D
 * hashes name the right local address. All sockets share one event loop, on which the receiver
 * is called: the engine stays single-threaded.
 *
 * <p>On a NAT-T socket (RFC 3948) incoming IKE carries a 4-byte zero non-ESP marker, which is
 * stripped here, and a lone 0xFF byte is a NAT keepalive, which is dropped; outgoing IKE gets
 * the marker added, outgoing keepalives go as they are.
 *
 * <p>Under a flood of forged MM1s the cost that decides how much the daemon reads (and so
 * whether a real peer's datagram gets in before the kernel drops it at a full socket buffer) is
 * one system call per datagram: with epoll the sockets read up to {@value #DATAGRAMS_PER_READ}
 * datagrams per recvmmsg(2), and ask for a {@value #RECEIVE_BUFFER}-byte receive buffer (the
 * kernel caps it at {@code net.core.rmem_max}).
 */
public final class UdpTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("ike.net");
    private static final int NON_ESP_MARKER_LENGTH = 4;
    /**
     * Every datagram gets a slot this size in a recvmmsg read: recvmmsg cuts a longer datagram
     * short without a word, and an IKE message with certificates may be long, so the slot
     * holds the largest UDP payload.
     */
    private static final int LARGEST_UDP_PAYLOAD = 65_535;
    private static final int DATAGRAMS_PER_READ = 32;
    /** recvmmsg calls per readiness event, so one busy socket does not starve the others. */
    private static final int READS_PER_EVENT = 4;
    private static final int RECEIVE_BUFFER = 1 << 20;

    /** A socket to open: the address and port, and whether it is a NAT-T (4500-style) socket. */
    public record Endpoint(InetSocketAddress address, boolean natT) {
    }

    private final EventLoopGroup group;
    private final boolean epoll;
    private final Map<InetSocketAddress, Bound> sockets = new HashMap<>();

    private record Bound(Channel channel, boolean natT) {
    }

    private UdpTransport(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    /**
     * Binds every endpoint ({@link #create} and {@link #bind} in one step). A socket option the
     * kernel refuses (the IPsec bypass policy, or ESP-in-UDP) fails the open: without them IKE
     * would be swallowed by the very policies it negotiates for.
     */
    public static UdpTransport open(List<Endpoint> endpoints, Consumer<Datagram> receiver, ReadBurstClock clock)
            throws IOException {
        UdpTransport transport = create();
        transport.bind(endpoints, receiver, clock);
        return transport;
    }

    /**
     * The event loop alone, no socket yet: a caller that schedules work on {@link #eventLoop()}
     * from its receiver has the loop in hand before the first datagram can arrive.
     */
    public static UdpTransport create() {
        boolean epoll = Epoll.isAvailable();
        return new UdpTransport(new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory()), epoll);
    }

    /**
     * Binds every endpoint; on a failure the transport is closed. {@code clock} learns where
     * each burst of datagrams read together begins and ends.
     */
    public void bind(List<Endpoint> endpoints, Consumer<Datagram> receiver, ReadBurstClock clock)
            throws IOException {
        try {
            for (Endpoint endpoint : endpoints) {
                bind(endpoint, receiver, clock);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void bind(Endpoint endpoint, Consumer<Datagram> receiver, ReadBurstClock clock) throws IOException {
        // The socket's family must be the address's: Netty would otherwise open a dual-stack
        // IPv6 socket, and the kernel takes a per-socket IPsec policy only in the socket's family.
        boolean ipv6 = endpoint.address().getAddress() instanceof Inet6Address;
        SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channelFactory(() -> epoll ? new EpollDatagramChannel(family) : new NioDatagramChannel(family))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                .handler(new Inbound(endpoint.natT(), receiver, clock));
        if (epoll) {
            // The read buffer holds DATAGRAMS_PER_READ slots (2 MiB); the pooled allocator
            // keeps reusing it instead of allocating that much per read.
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, LARGEST_UDP_PAYLOAD)
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(
                            LARGEST_UDP_PAYLOAD * DATAGRAMS_PER_READ).maxMessagesPerRead(
                            DATAGRAMS_PER_READ * READS_PER_EVENT));
        }
        Channel channel;
        try {
            channel = bootstrap.bind(endpoint.address()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + endpoint.address(), e);
        } catch (Exception e) {
            throw new IOException("cannot listen on " + endpoint.address() + ": " + e.getMessage(), e);
        }
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        if (channel instanceof EpollDatagramChannel epollChannel) {
            int fd = epollChannel.fd().intValue();
            try {
                IkeSocketOptions.bypassIpsecPolicy(fd, ipv6);
                if (endpoint.natT()) {
                    IkeSocketOptions.enableEspInUdp(fd);
                }
            } catch (IkeSocketOptions.SocketOptionException e) {
                if (!e.kernelLacksIpsec()) {
                    channel.close();
                    throw new IOException(local + ": " + e.getMessage());
                }
                LOG.warn("{}: this kernel has no IPsec support ({}); the socket is opened without it", local,
                        e.getMessage());
            }
        } else {
            LOG.warn("{}: epoll is not available, so no IPsec bypass policy is set on this socket", local);
        }
        sockets.put(local, new Bound(channel, endpoint.natT()));
        LOG.info("listening on {}{}", local, endpoint.natT() ? " (NAT-T)" : "");
    }

    /** The addresses actually bound (a port 0 endpoint shows the port the kernel chose). */
    public List<InetSocketAddress> localAddresses() {
        return new ArrayList<>(sockets.keySet());
    }

    /** The loop that calls the receiver; the daemon runs its engine and timers on it. */
    public EventLoop eventLoop() {
        return group.next();
    }

    /** Sends from the socket bound to the datagram's local address. */
    public void send(Datagram datagram) {
        Bound bound = sockets.get(datagram.local());
        if (bound == null) {
            LOG.warn("dropping {}: no socket is bound to {}", datagram, datagram.local());
            return;
        }
        // Straight into a direct buffer from the channel's pool: a heap buffer would be copied
        // into one by the epoll channel anyway. No promise per datagram: a failed send reaches
        // the pipeline, which logs it (Inbound.exceptionCaught).
        boolean marker = bound.natT() && !datagram.isKeepalive();
        Channel channel = bound.channel();
        ByteBuf buf = channel.alloc().directBuffer((marker ? NON_ESP_MARKER_LENGTH : 0) + datagram.data().length);
        if (marker) {
            buf.writeZero(NON_ESP_MARKER_LENGTH);
        }
        buf.writeBytes(datagram.data());
        channel.writeAndFlush(new DatagramPacket(buf, datagram.remote()), channel.voidPromise());
    }

    @Override
    public void close() {
        for (Bound bound : sockets.values()) {
            bound.channel().close().awaitUninterruptibly();
        }
        sockets.clear();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        private final boolean natT;
        private final Consumer<Datagram> receiver;
        private final ReadBurstClock clock;

        Inbound(boolean natT, Consumer<Datagram> receiver, ReadBurstClock clock) {
            this.natT = natT;
            this.receiver = receiver;
            this.clock = clock;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            if (natT) {
                if (content.readableBytes() == 1 && content.getUnsignedByte(content.readerIndex()) == 0xFF) {
                    return; // NAT keepalive (RFC 3948 section 2.3)
                }
                if (content.readableBytes() < NON_ESP_MARKER_LENGTH || content.getInt(content.readerIndex()) != 0) {
                    // ESP is decapsulated by the kernel; anything else without the marker is not IKE.
                    LOG.debug("dropping {} bytes from {} on a NAT-T socket: no non-ESP marker",
                            content.readableBytes(), packet.sender());
                    return;
                }
                content.skipBytes(NON_ESP_MARKER_LENGTH);
            }
            byte[] data = new byte[content.readableBytes()];
            content.readBytes(data);
            InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
            clock.datagramRead();
            receiver.accept(new Datagram(data, local, packet.sender()));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            clock.burstEnded();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("socket {}: {}", ctx.channel().localAddress(), cause.toString());
        }
    }
}
