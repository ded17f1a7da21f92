package org.jracoon.ike.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages built by the code, written to a capture and dissected by Wireshark's tshark: a
 * dissector written independently of ours must find every payload well formed.
 */
class TsharkDissectionTest {

    private static final Path TSHARK = Path.of("/usr/bin/tshark");

    @Test
    void tsharkFindsNoMalformedPayloadOrExpertError(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(TSHARK), "tshark is not installed at " + TSHARK + ": dissection not checked");
        List<IsakmpMessage> built = BuiltMessages.all();
        List<byte[]> datagrams = new ArrayList<>();
        for (IsakmpMessage m : built) {
            datagrams.add(m.encode());
        }
        Path pcap = dir.resolve("built.pcap");
        Pcap.writeIsakmp(pcap, datagrams);

        Process tshark = new ProcessBuilder(TSHARK.toString(), "-V", "-o", "ip.check_checksum:TRUE", "-r",
                pcap.toString()).redirectErrorStream(true).start();
        String output = new String(tshark.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tshark.waitFor(60, TimeUnit.SECONDS), "tshark did not finish");
        assertEquals(0, tshark.exitValue(), output);

        List<String> bad = output.lines()
                .filter(l -> l.contains("Malformed") || l.contains("Expert Info (Error") || l.contains("Expert Info (Warn"))
                .toList();
        assertEquals(List.of(), bad, "tshark complained:\n" + output);

        // every message and every payload was seen by the dissector
        assertEquals(built.size(), count(output, "Internet Security Association and Key Management Protocol"));
        for (String payload : List.of("Payload: Security Association (1)", "Payload: Proposal (2)",
                "Payload: Transform (3)", "Payload: Key Exchange (4)", "Payload: Identification (5)",
                "Payload: Certificate (6)", "Payload: Certificate Request (7)", "Payload: Hash (8)",
                "Payload: Signature (9)", "Payload: Nonce (10)", "Payload: Notification (11)", "Payload: Delete (12)",
                "Payload: Vendor ID (13)", "Payload: NAT-D (RFC 3947) (20)", "Payload: NAT-OA (RFC 3947) (21)")) {
            assertTrue(output.contains(payload), payload + " not dissected:\n" + output);
        }
        for (String value : List.of("UDP-Encapsulated-Tunnel", "R-U-THERE", "INITIAL-CONTACT",
                "Life Duration: 86400", "ID type: IPV6_ADDR_SUBNET (6)", "UDP-Encapsulated-Tunnel (draft) (61443)")) {
            assertTrue(output.contains(value), value + " not dissected:\n" + output);
        }
        System.out.println("tshark dissected " + built.size() + " built messages cleanly");
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
