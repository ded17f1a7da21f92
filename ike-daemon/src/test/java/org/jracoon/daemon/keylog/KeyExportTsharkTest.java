package org.jracoon.daemon.keylog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jracoon.daemon.runtime.Daemon;
import org.jracoon.daemon.runtime.LoopbackSettings;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelOperation;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.pfkey.recording.RecordingKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --export-keys: a negotiation between two daemons (recording kernels, real UDP on loopback) is
 * recorded with tcpdump; tshark sees no identities in it alone, and with the exported file it
 * decrypts Main Mode's identities and Quick Mode's SPIs, which are those of the exported esp_sa
 * lines and of the SAs the kernel got.
 */
class KeyExportTsharkTest {

    private static final InetAddress A = LoopbackSettings.address("127.0.61.5");
    private static final InetAddress B = LoopbackSettings.address("127.0.61.6");
    /** The pcap file header; anything beyond it is a captured packet. */
    private static final int PCAP_HEADER = 24;
    private static final IpPrefix NET_A = new IpPrefix(LoopbackSettings.address("10.61.5.0"), 24);
    private static final IpPrefix NET_B = new IpPrefix(LoopbackSettings.address("10.61.6.0"), 24);

    @Test
    void theExportedFileLetsTsharkDecryptARecordedNegotiation(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("negotiation.pcap");
        Path keyFile = dir.resolve("keys.txt");
        RecordingKernel kernelA = new RecordingKernel();
        kernelA.addPolicy(PolicySpec.ipsec(TrafficSelector.between(NET_A, NET_B), PolicyDirection.OUT,
                List.of(IpsecRequest.tunnel(IpsecProtocol.ESP, A, B, IpsecLevel.REQUIRE))));
        KeyExport keys = KeyExport.open(keyFile);
        Process tcpdump = new ProcessBuilder("tcpdump", "-i", "lo", "--immediate-mode", "-U", "-n", "-w", pcap.toString(),
                "udp port 500 and host " + A.getHostAddress()).redirectErrorStream(true).start();
        try {
            awaitCapturing(tcpdump, pcap);
            try (Daemon a = Daemon.start(new ExportingKernel(kernelA, keys), LoopbackSettings.psk(A, B, NET_A, NET_B));
                    Daemon b = Daemon.start(new RecordingKernel(), LoopbackSettings.psk(B, A, NET_B, NET_A))) {
                keys.follow(a);
                a.establish(TrafficSelector.between(NET_A, NET_B), IpsecProtocol.ESP);
                for (int i = 0; i < 200 && installed(kernelA).size() < 2; i++) {
                    Thread.sleep(100);
                }
            }
            // packets reach the file in order: once a later probe is in, the negotiation is too
            probeUntilWritten(pcap, Files.size(pcap));
        } finally {
            tcpdump.destroy();
            assertTrue(tcpdump.waitFor(10, TimeUnit.SECONDS));
        }
        List<SaSpec> installed = installed(kernelA);
        assertEquals(2, installed.size(), kernelA.calls().toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));

        List<String> lines = Files.readAllLines(keyFile);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("uat:ikev1_decryption_table:\\p{XDigit}{16},\\p{XDigit}{32}"), lines.get(0));
        HexFormat hex = HexFormat.of();
        for (SaSpec sa : installed) {
            String expected = String.format("uat:esp_sa:\"IPv4\",\"%s\",\"%s\",\"0x%08x\",\"AES-CBC [RFC3602]\",\"0x%s\","
                    + "\"HMAC-SHA-1-96 [RFC2404]\",\"0x%s\"", sa.id().source().getHostAddress(),
                    sa.id().destination().getHostAddress(), sa.id().spi(), hex.formatHex(sa.encryptionKey().bytes()),
                    hex.formatHex(sa.integrityKey().bytes()));
            assertTrue(lines.contains(expected), expected + " in " + lines);
        }

        String fields = "-e isakmp.id.data.ipv4_addr -e isakmp.spi";
        assertEquals("", tshark(pcap, List.of(), fields).strip(), "nothing readable without the keys");
        List<String> options = new ArrayList<>();
        lines.forEach(l -> options.addAll(List.of("-o", l)));
        String decrypted = tshark(pcap, options, fields);
        assertTrue(decrypted.contains("127.0.61.5") && decrypted.contains("127.0.61.6"), decrypted);
        for (SaSpec sa : installed) {
            assertTrue(decrypted.contains(String.format("%08x", sa.id().spi())), sa.id() + " in " + decrypted);
        }
    }

    /** tshark's fields of every packet, one line each (separated by tabs), without empty lines. */
    private static String tshark(Path pcap, List<String> options, String fields) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "fields"));
        command.addAll(List.of(fields.split(" ")));
        command.addAll(options);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return String.join("\n", out.lines().filter(l -> !l.isBlank()).toList());
    }

    /**
     * Waits until tcpdump writes what it sees: "listening on" may come before packets reach the
     * file, so probes to A's port 500 go out until one is in it (tshark finds no ISAKMP fields in them).
     */
    private static void awaitCapturing(Process tcpdump, Path pcap) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(tcpdump.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        while (line != null && !line.contains("listening on")) {
            line = out.readLine();
        }
        assertTrue(line != null, "tcpdump did not start");
        probeUntilWritten(pcap, PCAP_HEADER);
    }

    /** Sends one-byte datagrams to A's port 500 until the capture file is longer than {@code size}. */
    private static void probeUntilWritten(Path pcap, long size) throws Exception {
        try (DatagramSocket probe = new DatagramSocket()) {
            for (int i = 0; i < 100 && (!Files.exists(pcap) || Files.size(pcap) <= size); i++) {
                probe.send(new DatagramPacket(new byte[1], 1, new InetSocketAddress(A, 500)));
                Thread.sleep(100);
            }
        }
        assertTrue(Files.size(pcap) > size, "tcpdump writes nothing more");
    }

    private static List<SaSpec> installed(RecordingKernel kernel) {
        return kernel.calls().stream().filter(c -> c.operation() == KernelOperation.UPDATE
                || c.operation() == KernelOperation.ADD).map(c -> (SaSpec) c.arguments().get(0)).toList();
    }
}
