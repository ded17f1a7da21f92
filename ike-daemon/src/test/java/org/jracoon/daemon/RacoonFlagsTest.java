package org.jracoon.daemon;

import static org.jracoon.daemon.DaemonSignalsTest.await;
import static org.jracoon.daemon.DaemonSignalsTest.racoon;
import static org.jracoon.daemon.DaemonSignalsTest.read;
import static org.jracoon.daemon.DaemonSignalsTest.signal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * racoon(8)'s -4, -6, -P and -v on dry-run daemons that listen where racoon.conf names no
 * address (every local address, on -p's port and, for NAT-T, on -P's): -4 opens IPv4 sockets
 * only, -6 IPv6 ones only, and -v puts the log's info lines on stderr although it goes to -l's file.
 */
class RacoonFlagsTest {

    /** UdpTransport's line for each socket it opened. */
    private static final Pattern LISTENING = Pattern.compile("listening on \\S*/(\\S+):(\\d+)( \\(NAT-T\\))?$");

    /** A socket the daemon listened on: the address as Java prints it ({@code [...]} for IPv6), port and kind. */
    private record Socket(String address, int port, boolean natT) {
        boolean inet6() {
            return address.startsWith("[");
        }
    }

    @Test
    void inet4ListensOnIpv4OnlyOnTheNattPortAndVerbosePrintsTheLog(@TempDir Path dir) throws Exception {
        Run run = start(dir, "-4", "-v", "-p", "45610", "-P", "45611");
        assertTrue(run.sockets().stream().noneMatch(Socket::inet6), run.sockets().toString());
        assertTrue(run.sockets().contains(new Socket("127.0.0.1", 45610, false)), run.sockets().toString());
        assertTrue(run.sockets().contains(new Socket("127.0.0.1", 45611, true)), run.sockets().toString());
        assertTrue(run.sockets().stream().allMatch(s -> s.port() == (s.natT() ? 45611 : 45610)),
                run.sockets().toString());
        // -v: the log's lines on stderr as in the file, though -l names a file
        assertTrue(run.output().contains(": INFO: [ike.cfg] racoon started (dry run)"), run.output());
    }

    @Test
    void inet6ListensOnIpv6OnlyAndWithoutVerboseTheLogStaysInItsFile(@TempDir Path dir) throws Exception {
        Run run = start(dir, "-6", "-p", "45620", "-P", "45621");
        assertTrue(run.sockets().stream().allMatch(Socket::inet6), run.sockets().toString());
        assertTrue(run.sockets().contains(new Socket("[0:0:0:0:0:0:0:1]", 45621, true)), run.sockets().toString());
        assertFalse(run.output().contains("racoon started"), run.output());
    }

    @Test
    void aFamilyWithoutAListenAddressIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path conf = config(dir, "listen { isakmp 127.0.0.1 [45630]; adminsock disabled; }");
        Process racoon = racoon(dir, "-6", "-F", "--dry-run", "-f", conf.toString());
        try {
            assertTrue(racoon.waitFor(60, TimeUnit.SECONDS), "racoon -6 started on an IPv4 address");
        } finally {
            racoon.destroyForcibly();
        }
        assertEquals(1, racoon.exitValue());
        assertEquals(List.of("racoon: no IPv6 address (-6) to listen on among [/127.0.0.1:45630]",
                "racoon: " + conf + ": not started"), Files.readAllLines(dir.resolve("out")));
    }

    /** What a daemon printed and the sockets its log names. */
    private record Run(String output, List<Socket> sockets) {
    }

    /** A dry-run daemon in the foreground, logging to a file, until it is up; then SIGTERM. */
    private static Run start(Path dir, String... flags) throws Exception {
        Path conf = config(dir, "listen { adminsock disabled; }");
        Path log = dir.resolve("racoon.log");
        List<String> args = new ArrayList<>(List.of(flags));
        args.addAll(List.of("-F", "--dry-run", "-f", conf.toString(), "-l", log.toString()));
        Process racoon = racoon(dir, args.toArray(String[]::new));
        try {
            await(() -> read(log).contains("racoon started") || !racoon.isAlive(), "racoon starts");
            assertTrue(racoon.isAlive(), read(dir.resolve("out")) + read(log));
            signal("TERM", racoon.pid());
            assertTrue(racoon.waitFor(30, TimeUnit.SECONDS), "racoon did not stop on SIGTERM");
        } finally {
            racoon.destroyForcibly();
        }
        List<Socket> sockets = new ArrayList<>();
        for (String line : read(log).lines().toList()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                sockets.add(new Socket(m.group(1), Integer.parseInt(m.group(2)), m.group(3) != null));
            }
        }
        assertFalse(sockets.isEmpty(), read(log));
        return new Run(read(dir.resolve("out")), sockets);
    }

    /** A PSK configuration with one remote that may use NAT-T, and this listen block. */
    private static Path config(Path dir, String listen) throws IOException {
        Path psk = RacoonMainTest.pskFile(dir, "192.0.2.9\tflags-test-psk\n", "rw-------");
        Path conf = dir.resolve("racoon.conf");
        Files.writeString(conf, "path pre_shared_key \"" + psk + "\";\n" + listen + "\n"
                + "remote 192.0.2.9 { exchange_mode main; nat_traversal on; proposal { encryption_algorithm aes;"
                + " hash_algorithm sha1; authentication_method pre_shared_key; dh_group modp1024; } }\n"
                + "sainfo anonymous { encryption_algorithm aes; authentication_algorithm hmac_sha1;"
                + " compression_algorithm deflate; }\n");
        return conf;
    }
}
