package org.jracoon.daemon.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.jracoon.daemon.ctl.Racoonctl;
import org.jracoon.daemon.ctl.Racoonctl.Result;
import org.jracoon.daemon.runtime.Daemon;
import org.jracoon.daemon.runtime.LoopbackSettings;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelOperation;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.pfkey.recording.RecordingKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * racoonctl against two running daemons (recording kernels, as {@code --dry-run}, real UDP on
 * loopback, real admin sockets): each command's output and its effect on both kernels and on
 * the peer, and the socket's ownership and refusal of strangers.
 */
class RacoonctlTest {

    private static final InetAddress A = LoopbackSettings.address("127.0.61.1");
    private static final InetAddress B = LoopbackSettings.address("127.0.61.2");
    private static final IpPrefix NET_A = new IpPrefix(LoopbackSettings.address("10.61.1.0"), 24);
    private static final IpPrefix NET_B = new IpPrefix(LoopbackSettings.address("10.61.2.0"), 24);
    private static final String ESP_SAOPTS = "esp inet 10.61.1.0/24 10.61.2.0/24 any";

    @TempDir
    static Path dir;
    private static RecordingKernel kernelA;
    private static RecordingKernel kernelB;
    private static Daemon daemonA;
    private static Daemon daemonB;
    private static AdminSocket socketA;
    private static AdminSocket socketB;

    @BeforeAll
    static void start() throws Exception {
        kernelA = new RecordingKernel();
        kernelB = new RecordingKernel();
        kernelA.addPolicy(PolicySpec.ipsec(TrafficSelector.between(NET_A, NET_B), PolicyDirection.OUT,
                List.of(IpsecRequest.tunnel(IpsecProtocol.ESP, A, B, IpsecLevel.REQUIRE))));
        daemonA = Daemon.start(kernelA, LoopbackSettings.psk(A, B, NET_A, NET_B));
        daemonB = Daemon.start(kernelB, LoopbackSettings.psk(B, A, NET_B, NET_A));
        socketA = AdminSocket.open(dir.resolve("a.sock"), "root", "root", 0600, commands(daemonA));
        socketB = AdminSocket.open(dir.resolve("b.sock"), "root", "root", 0600, commands(daemonB));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {socketA, socketB, daemonA, daemonB}) {
            try {
                c.close();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private static AdminCommands commands(Daemon daemon) {
        return new AdminCommands(daemon, () -> {
            throw new AdminException("reload is the launcher's (DaemonSignalsTest)");
        }, InstantSource.system(), ZoneId.of("UTC"));
    }

    private static Result racoonctl(String socket, String words) {
        return Racoonctl.run(dir.resolve(socket), words);
    }

    @Test
    void showEstablishDeleteAndFlushAgainstRunningDaemons() throws Exception {
        assertEquals(new Result(0, "Destination            Cookies                           State       Created  "
                + "                Age\n", ""), racoonctl("a.sock", "show-sa isakmp"));

        Result up = racoonctl("a.sock", "establish-sa -w esp inet 10.61.1.0/24 10.61.2.0/24 any");
        assertEquals(0, up.exit(), up.toString());
        assertTrue(up.out().startsWith("negotiating esp tunnel with 127.0.61.2 for 10.61.1.0/24[any] 10.61.2.0/24[any]"
                + " any\nPhase 2 established: "), up.out());
        List<SaSpec> installed = installed(kernelA);
        assertEquals(2, installed.size(), kernelA.calls().toString());

        List<String> isakmp = racoonctl("a.sock", "ss isakmp").out().lines().toList();
        assertEquals(2, isakmp.size(), isakmp.toString());
        assertTrue(isakmp.get(1).matches("127\\.0\\.61\\.2\\.500 {9}\\p{XDigit}{16}:\\p{XDigit}{16} ESTABLISHED "
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\d+s"), isakmp.get(1));
        String cookies = isakmp.get(1).substring(23, 56);
        assertTrue(racoonctl("b.sock", "show-sa isakmp").out().contains("127.0.61.1.500         " + cookies));
        List<String> longForm = racoonctl("a.sock", "-l show-sa isakmp").out().lines().toList();
        assertTrue(longForm.get(0).startsWith("Source ") && longForm.get(0).endsWith(" S Phase2"), longForm.get(0));
        assertTrue(longForm.get(1).startsWith("127.0.61.1.500 ") && longForm.get(1).endsWith(" I      1"),
                longForm.get(1));

        List<String> ipsec = racoonctl("a.sock", "show-sa ipsec").out().lines().toList();
        assertEquals(3, ipsec.size(), ipsec.toString());
        for (SaSpec sa : installed) {
            String row = String.format("%-39s %-39s esp   tunnel    0x%08x 3600s      10.61.1.0/24[any] 10.61.2.0/24[any]"
                    + " any", sa.id().source().getHostAddress(), sa.id().destination().getHostAddress(), sa.id().spi());
            assertTrue(ipsec.contains(row), row + " in " + ipsec);
        }
        assertEquals("No IPsec SAs.\n", racoonctl("a.sock", "show-sa ah").out());

        assertEquals(new Result(0, "1 IPsec SA pair(s) deleted\n", ""), racoonctl("a.sock", "delete-sa " + ESP_SAOPTS));
        assertEquals(installed.stream().map(SaSpec::id).toList(), deleted(kernelA));
        awaitTrue(() -> deleted(kernelB).size() == 2, "B deleted the pair on A's DELETE");
        assertEquals(new Result(1, "", "racoonctl: no esp SA for 10.61.1.0/24[any] 10.61.2.0/24[any] any\n"),
                racoonctl("a.sock", "delete-sa " + ESP_SAOPTS));

        assertEquals(0, racoonctl("a.sock", "es -w esp inet 10.61.1.0/24 10.61.2.0/24").exit());
        assertEquals(new Result(0, "1 IPsec SA pair(s) deleted\n", ""), racoonctl("b.sock", "flush-sa ipsec"));
        awaitTrue(() -> deleted(kernelA).size() == 4, "A deleted the pair on B's DELETE");

        assertEquals(new Result(0, "1 ISAKMP SA(s) deleted\n", ""), racoonctl("a.sock", "flush-sa isakmp"));
        awaitTrue(() -> racoonctl("b.sock", "show-sa isakmp").out().lines().count() == 1, "B took the DELETE");

        Result phase1 = racoonctl("a.sock", "establish-sa -w isakmp inet 127.0.61.1 127.0.61.2");
        assertTrue(phase1.out().matches("negotiating an ISAKMP SA with 127.0.61.2\nPhase 1 established: "
                + "\\p{XDigit}{16}:\\p{XDigit}{16} with 127.0.61.2\\[500]\n"), phase1.toString());
        assertEquals(new Result(0, "1 ISAKMP SA(s) with 127.0.61.2 deleted, with their IPsec SAs\n", ""),
                racoonctl("a.sock", "vpn-disconnect 127.0.61.2"));

        // what SIGTERM does: every SA this daemon negotiated goes, and the peer is told
        assertEquals(0, racoonctl("a.sock", "establish-sa -w " + ESP_SAOPTS).exit());
        assertEquals(1, daemonA.deleteNegotiatedSas());
        assertEquals(6, deleted(kernelA).size());
        awaitTrue(() -> deleted(kernelB).size() == 6, "B deleted the pair on A's DELETE");
        awaitTrue(() -> racoonctl("b.sock", "show-sa isakmp").out().lines().count() == 1, "B took the DELETE");
    }

    @Test
    void badRequestsAreOneLineEach() {
        assertEquals(new Result(1, "", "racoonctl: no outbound policy for 10.61.9.0/24[any] 10.61.2.0/24[any] 6\n"),
                racoonctl("a.sock", "establish-sa esp inet 10.61.9.0/24 10.61.2.0/24 tcp"));
        assertEquals(new Result(1, "", "racoonctl: prefix /40 is longer than the address 10.61.1.0\n"),
                racoonctl("a.sock", "delete-sa esp inet 10.61.1.0/40 10.61.2.0/24"));
        assertEquals(new Result(1, "", "racoonctl: \"fe80::1\" is not an IPv4 address\n"),
                racoonctl("a.sock", "delete-sa isakmp inet fe80::1 127.0.61.2"));
        assertEquals(new Result(1, "", "racoonctl: unknown protocol \"icmp\" (isakmp, esp, ah or ipsec)\n"),
                racoonctl("a.sock", "show-sa icmp"));
        assertEquals(new Result(1, "", "racoonctl: unknown upper-layer protocol \"sctp\" (icmp, tcp, udp, gre, any or"
                + " 0-255)\n"), racoonctl("a.sock", "delete-sa esp inet 10.61.1.0/24 10.61.2.0/24 sctp"));
        assertEquals(new Result(1, "", "racoonctl: reload is the launcher's (DaemonSignalsTest)\n"),
                racoonctl("a.sock", "rc"));
        Result missing = racoonctl("nonexistent.sock", "show-sa isakmp");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().endsWith("nonexistent.sock: no such socket (is racoon running, with adminsock on?)\n"),
                missing.err());
        assertEquals(2, racoonctl("a.sock", "bogus").exit());
    }

    @Test
    void theSocketHasTheConfiguredOwnerGroupAndMode() throws Exception {
        Path path = dir.resolve("owned/racoon.sock");
        try (AdminSocket socket = AdminSocket.open(path, "daemon", "adm", 0660, commands(daemonA))) {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
            assertEquals("daemon", attributes.owner().getName());
            assertEquals("adm", attributes.group().getName());
            assertEquals("rw-rw----", PosixFilePermissions.toString(attributes.permissions()));
            assertTrue(attributes.isOther(), "a socket");
        }
        assertFalse(Files.exists(path), "removed on close");
        IOException unknown = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> AdminSocket.open(dir.resolve("x.sock"), "no-such-user-61", "root", 0600, commands(daemonA)));
        assertEquals("adminsock " + dir.resolve("x.sock") + ": no user named \"no-such-user-61\"", unknown.getMessage());
    }

    /**
     * A socket any local user may connect to (mode 0666): nobody with group nogroup is served
     * when the socket's group is nogroup, and refused when it is root's.
     */
    @Test
    void aUserWhoIsNeitherRootNorOwnerNorInTheGroupIsRefused(@TempDir Path open) throws Exception {
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path rootOnly = open.resolve("root.sock");
        Path nogroup = open.resolve("nogroup.sock");
        try (AdminSocket a = AdminSocket.open(rootOnly, "root", "root", 0666, commands(daemonA));
                AdminSocket b = AdminSocket.open(nogroup, "root", "nogroup", 0666, commands(daemonA))) {
            assertEquals("error: permission denied: user nobody is neither root, nor root, nor in group root\n",
                    asNobody(rootOnly, "show-sa ah"));
            assertEquals("| No IPsec SAs.\nok\n", asNobody(nogroup, "show-sa ah"));
        }
    }

    /** One request sent by user nobody (group nogroup), and the daemon's whole answer. */
    private static String asNobody(Path socket, String request) throws Exception {
        Process p = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "/usr/bin/python3", "-c", "import socket,sys\n"
                        + "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
                        + "s.connect(sys.argv[1])\n"
                        + "s.sendall((sys.argv[2] + '\\n').encode())\n"
                        + "data = b''\n"
                        + "while True:\n"
                        + "    chunk = s.recv(4096)\n"
                        + "    if not chunk: break\n"
                        + "    data += chunk\n"
                        + "sys.stdout.write(data.decode())\n", socket.toString(), request)
                .redirectErrorStream(true).start();
        String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), answer);
        return answer;
    }

    private static List<SaSpec> installed(RecordingKernel kernel) {
        return kernel.calls().stream().filter(c -> c.operation() == KernelOperation.UPDATE
                || c.operation() == KernelOperation.ADD).map(c -> (SaSpec) c.arguments().get(0)).toList();
    }

    private static List<SaId> deleted(RecordingKernel kernel) {
        return kernel.calls().stream().filter(c -> c.operation() == KernelOperation.DELETE)
                .map(c -> (SaId) c.arguments().get(0)).toList();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
