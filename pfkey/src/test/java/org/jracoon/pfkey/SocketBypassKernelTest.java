package org.jracoon.pfkey;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.TrafficSelector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bypassed socket's datagram passes a {@code require} policy in clear; an ordinary one raises an ACQUIRE. */
@Tag("kernel")
class SocketBypassKernelTest {

    /** Plain UDP through libc, since a Java DatagramChannel does not show its descriptor. */
    interface Udp extends Library {
        Udp C = Native.load("c", Udp.class);

        int socket(int domain, int type, int protocol);

        int sendto(int fd, byte[] buf, long len, int flags, byte[] to, int tolen);

        int close(int fd);
    }

    private static byte[] sockaddrIn(InetAddress address, int port) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        b.putShort((short) 2).order(ByteOrder.BIG_ENDIAN).putShort((short) port).put(address.getAddress());
        return b.array();
    }

    private static int sendFromNewSocket(boolean bypass, InetAddress to) throws Exception {
        int fd = Udp.C.socket(2, 2, 0);
        assertTrue(fd >= 0);
        try {
            if (bypass) {
                SocketBypass.apply(fd, false);
            }
            byte[] payload = "ike".getBytes();
            return Udp.C.sendto(fd, payload, payload.length, 0, sockaddrIn(to, 500), 16);
        } finally {
            Udp.C.close(fd);
        }
    }

    @Test
    void bypassedSocketsIgnoreRequirePolicies() throws Exception {
        InetAddress local = InetAddress.getByName("10.79.0.1");
        InetAddress peer = InetAddress.getByName("10.79.0.2");
        Shell.ok("ip", "netns", "add", "pfkpeer");
        try (PfKeyKernel kernel = PfKeyKernel.open()) {
            Shell.ok("ip", "link", "add", "pfk2", "type", "veth", "peer", "name", "pfk3", "netns", "pfkpeer");
            Shell.ok("ip", "addr", "add", "10.79.0.1/24", "dev", "pfk2");
            Shell.ok("ip", "link", "set", "pfk2", "up");
            Shell.ok("ip", "-n", "pfkpeer", "addr", "add", "10.79.0.2/24", "dev", "pfk3");
            Shell.ok("ip", "-n", "pfkpeer", "link", "set", "pfk3", "up");
            BlockingQueue<KernelEvent> events = new LinkedBlockingQueue<>();
            kernel.addListener(events::add);
            kernel.register(IpsecProtocol.ESP);
            kernel.addPolicy(PolicySpec.ipsec(new TrafficSelector(IpPrefix.host(local), 0, IpPrefix.host(peer), 500, 17),
                    PolicyDirection.OUT, List.of(IpsecRequest.transport(IpsecProtocol.ESP, IpsecLevel.REQUIRE))));

            // The peer counts what reaches it in clear.
            Process capture = new ProcessBuilder("ip", "netns", "exec", "pfkpeer", "tcpdump", "-n", "-l", "-c", "1",
                    "-i", "pfk3", "udp", "dst", "port", "500").redirectErrorStream(true).start();
            Thread.sleep(3000);   // tcpdump attaches slowly in the test kernel

            assertEquals(3, sendFromNewSocket(true, peer));
            assertTrue(capture.waitFor(30, TimeUnit.SECONDS), "the bypassed datagram reached the peer");
            String seen = new String(capture.getInputStream().readAllBytes());
            assertTrue(seen.contains("IP 10.79.0.1.") && seen.contains("> 10.79.0.2.500:"), seen);

            sendFromNewSocket(false, peer);
            KernelEvent e;
            do {
                e = events.poll(20, TimeUnit.SECONDS);
            } while (e != null && !(e instanceof KernelEvent.Acquire));
            assertNotNull(e, "the ordinary socket's datagram raised an ACQUIRE");
            assertEquals(peer, ((KernelEvent.Acquire) e).destination());
            kernel.flushPolicy();
            kernel.flushSa();
        } finally {
            Shell.run("ip", "link", "del", "pfk2");
            Shell.run("ip", "netns", "del", "pfkpeer");
        }
    }
}
