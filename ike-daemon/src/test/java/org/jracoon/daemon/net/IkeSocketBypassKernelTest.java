package org.jracoon.daemon.net;

import org.jracoon.ike.engine.Datagram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * In a real kernel, with a {@code required} ESP policy on all UDP between this host and a peer
 * namespace and no SA: plain sockets can neither send to nor receive from the peer, while the
 * daemon's IKE sockets do both, because they carry bypass policies in both directions.
 * (Loopback would prove nothing: Linux never applies IPsec policy on lo.)
 */
@Tag("kernel")
class IkeSocketBypassKernelTest {
    private static final String NS = "bypasspeer";
    private static final String HOST_IP = "192.0.2.1";
    private static final String PEER_IP = "192.0.2.2";
    private static final int PEER_PORT = 5500;

    @BeforeEach
    void peerNamespaceWithRequirePolicy() throws Exception {
        run("ip", "netns", "add", NS);
        run("ip", "link", "add", "bp0", "type", "veth", "peer", "name", "bp1", "netns", NS);
        run("ip", "addr", "add", HOST_IP + "/24", "dev", "bp0");
        run("ip", "link", "set", "bp0", "up");
        run("ip", "-n", NS, "addr", "add", PEER_IP + "/24", "dev", "bp1");
        run("ip", "-n", NS, "link", "set", "bp1", "up");
        run("ip", "-n", NS, "link", "set", "lo", "up");
        for (String[] dir : new String[][] {{"out", HOST_IP, PEER_IP}, {"in", PEER_IP, HOST_IP}}) {
            run("ip", "xfrm", "policy", "add", "src", dir[1] + "/32", "dst", dir[2] + "/32", "proto", "udp",
                    "dir", dir[0], "tmpl", "proto", "esp", "mode", "transport", "level", "required");
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        run("ip", "xfrm", "policy", "flush");
        run("ip", "link", "del", "bp0");
        run("ip", "netns", "del", NS);
    }

    @Test
    void ikeSocketsBypassARequirePolicyThatBlocksPlainSockets() throws Exception {
        InetSocketAddress hostAny = new InetSocketAddress(InetAddress.getByName(HOST_IP), 0);
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(PEER_IP), PEER_PORT);
        BlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
        try (UdpTransport ike = UdpTransport.open(List.of(new UdpTransport.Endpoint(hostAny, false)), received::add,
                new ReadBurstClock(InstantSource.system()));
             DatagramSocket plain = new DatagramSocket(hostAny)) {
            InetSocketAddress ikeLocal = ike.localAddresses().get(0);

            // Outbound: the peer listens and prints what it gets; only the IKE socket's arrives.
            Process listener = inPeer("import socket,sys\n"
                    + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.bind(('" + PEER_IP + "'," + PEER_PORT + "))\n"
                    + "print('ready', flush=True); s.settimeout(4)\n"
                    + "try:\n"
                    + "  while True: print(s.recv(100).decode(), flush=True)\n"
                    + "except socket.timeout: pass\n");
            java.io.BufferedReader heard = new java.io.BufferedReader(
                    new java.io.InputStreamReader(listener.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("ready", heard.readLine(), "the peer's listener did not start");
            byte[] clear = "plain".getBytes(StandardCharsets.US_ASCII);
            try {
                plain.send(new DatagramPacket(clear, clear.length, peer));
            } catch (IOException refusedByPolicy) {
                // refused at once for lack of an SA: as good as dropped
            }
            ike.send(new Datagram("ike".getBytes(StandardCharsets.US_ASCII), ikeLocal, peer));
            List<String> lines = heard.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
            listener.waitFor();
            assertEquals(List.of("ike"), lines, "what the peer received");

            // Inbound: the peer sends to both sockets; only the IKE socket receives.
            plain.setSoTimeout(1000);
            int plainPort = plain.getLocalPort();
            inPeer("import socket\n"
                    + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.bind(('" + PEER_IP + "'," + PEER_PORT + "))\n"
                    + "s.sendto(b'to-ike',('" + HOST_IP + "'," + ikeLocal.getPort() + "))\n"
                    + "s.sendto(b'to-plain',('" + HOST_IP + "'," + plainPort + "))\n").waitFor();
            Datagram in = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(in, "the peer's datagram to the IKE socket was dropped by the policy");
            assertArrayEquals("to-ike".getBytes(StandardCharsets.US_ASCII), in.data());
            assertEquals(peer, in.remote());
            DatagramPacket packet = new DatagramPacket(new byte[100], 100);
            String leaked = null;
            try {
                plain.receive(packet);
                leaked = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            } catch (java.net.SocketTimeoutException expected) {
                // the policy dropped it
            }
            assertNull(leaked, "the require policy let a datagram reach a plain socket");
        }
    }

    private static Process inPeer(String python) throws IOException {
        return new ProcessBuilder("ip", "netns", "exec", NS, "/usr/bin/python3", "-c", python)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
