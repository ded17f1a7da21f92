package org.jracoon.daemon.net;

import org.jracoon.ike.engine.Datagram;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpTransportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final ReadBurstClock SYSTEM = new ReadBurstClock(InstantSource.system());

    @Test
    void deliversDatagramsWithBothEndpointsAndRepliesFromTheSameSocket() throws Exception {
        BlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
        try (UdpTransport transport = UdpTransport.open(
                List.of(new UdpTransport.Endpoint(new InetSocketAddress(LOOPBACK, 0), false)), received::add, SYSTEM);
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            InetSocketAddress local = transport.localAddresses().get(0);
            byte[] ike = {1, 2, 3, 4, 5, 6, 7, 8};
            peer.send(new DatagramPacket(ike, ike.length, local));

            Datagram in = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(in, "no datagram arrived");
            assertArrayEquals(ike, in.data());
            assertEquals(local, in.local());
            assertEquals(peer.getLocalSocketAddress(), in.remote());

            byte[] reply = {9, 9, 9};
            transport.send(new Datagram(reply, in.local(), in.remote()));
            DatagramPacket back = new DatagramPacket(new byte[64], 64);
            peer.setSoTimeout(5000);
            peer.receive(back);
            assertArrayEquals(reply, Arrays.copyOf(back.getData(), back.getLength()));
            assertEquals(local, back.getSocketAddress());
        }
    }

    @Test
    void natTSocketStripsAndAddsTheNonEspMarkerAndDropsKeepalives() throws Exception {
        BlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
        try (UdpTransport transport = UdpTransport.open(
                List.of(new UdpTransport.Endpoint(new InetSocketAddress(LOOPBACK, 0), true)), received::add, SYSTEM);
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            InetSocketAddress local = transport.localAddresses().get(0);
            peer.send(new DatagramPacket(new byte[] {(byte) 0xFF}, 1, local));          // keepalive
            peer.send(new DatagramPacket(new byte[] {0x11, 0x22, 0x33, 0x44, 1}, 5, local)); // ESP-like, no marker
            byte[] marked = {0, 0, 0, 0, 7, 7, 7};
            peer.send(new DatagramPacket(marked, marked.length, local));

            Datagram in = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(in, "the marked IKE datagram did not arrive");
            assertArrayEquals(new byte[] {7, 7, 7}, in.data());
            assertNull(received.poll(200, TimeUnit.MILLISECONDS), "keepalive or unmarked datagram was delivered");

            transport.send(new Datagram(new byte[] {5, 6}, in.local(), in.remote()));
            DatagramPacket back = new DatagramPacket(new byte[64], 64);
            peer.setSoTimeout(5000);
            peer.receive(back);
            assertArrayEquals(new byte[] {0, 0, 0, 0, 5, 6}, Arrays.copyOf(back.getData(), back.getLength()));

            // a keepalive leaves as the one 0xFF octet, without the marker (RFC 3948 section 2.3)
            transport.send(Datagram.keepalive(in.local(), in.remote()));
            peer.receive(back);
            assertArrayEquals(new byte[] {(byte) 0xFF}, Arrays.copyOf(back.getData(), back.getLength()));
        }
    }

    /**
     * Datagrams queued while the event loop is busy are read many per recvmmsg call, each
     * whole (the largest one included) and in their order, and a receiver that reads the clock
     * for each costs one read of the underlying clock per burst, not per datagram.
     */
    @Test
    void aBurstReadInBatchesArrivesWholeAndInOrderWithFewClockReads() throws Exception {
        BlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
        AtomicInteger clockReads = new AtomicInteger();
        ReadBurstClock clock = new ReadBurstClock(() -> {
            clockReads.incrementAndGet();
            return Instant.now();
        });
        try (UdpTransport transport = UdpTransport.open(
                List.of(new UdpTransport.Endpoint(new InetSocketAddress(LOOPBACK, 0), false)), d -> {
                    clock.instant();
                    received.add(d);
                }, clock);
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            InetSocketAddress local = transport.localAddresses().get(0);
            CountDownLatch sent = new CountDownLatch(1);
            transport.eventLoop().execute(() -> {
                try {
                    sent.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            int count = 100;
            for (int i = 0; i < count; i++) {
                byte[] data = datagram(i);
                peer.send(new DatagramPacket(data, data.length, local));
            }
            sent.countDown();
            for (int i = 0; i < count; i++) {
                Datagram in = received.poll(5, TimeUnit.SECONDS);
                assertNotNull(in, "datagram " + i + " did not arrive");
                assertArrayEquals(datagram(i), in.data(), "datagram " + i);
            }
            assertTrue(clockReads.get() <= count / 10, clockReads + " clock reads for " + count + " datagrams");
            int before = clockReads.get();
            clock.instant();
            clock.instant();
            assertEquals(before + 2, clockReads.get(), "outside a burst every read is the clock's");
        }
    }

    /** The i-th datagram of the burst: its number in every byte; the 50th is 65 000 bytes long. */
    private static byte[] datagram(int i) {
        byte[] data = new byte[i == 50 ? 65_000 : 28 + i];
        Arrays.fill(data, (byte) i);
        return data;
    }
}
