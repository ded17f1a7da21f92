package org.jracoon.daemon.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jracoon.daemon.auth.TestPki;

/**
 * The two namespaces of ../shared/peers/strongswan (ssA 192.168.1.11 with 10.1.0.1, ssB
 * 192.168.1.12 with 10.2.0.1), the scripts that run charon in them, and our daemon as a child
 * process, driven through the shell tools a racoon user would use (ip, ping, swanctl).
 */
final class Namespaces implements AutoCloseable {

    static final String A = "ssA";
    static final String B = "ssB";
    static final String IP_A = "192.168.1.11";
    static final String IP_B = "192.168.1.12";

    private static final Path PEERS = Path.of(System.getProperty("jracoon.shared"), "peers/strongswan");
    private static final Path ROOT = Path.of(System.getProperty("jracoon.root"));

    private final Path run;
    private final List<OurDaemon> daemons = new ArrayList<>();

    /** Sets up both namespaces (lib.sh's ns_up) with the inner addresses; charon files go to {@code run}. */
    Namespaces(Path run) {
        this.run = run;
        shell("ns_up; ip -n ssA addr replace 10.1.0.1/32 dev lo; ip -n ssB addr replace 10.2.0.1/32 dev lo");
    }

    /** Output and exit status of a command. */
    record Result(int exit, String output) {
    }

    /** Runs a bash command with lib.sh's helpers loaded and RUN set; fails the test on a non-zero exit. */
    String shell(String command) {
        Result r = exec(List.of("bash", "-c", ". " + PEERS.resolve("lib.sh") + "; " + command));
        if (r.exit() != 0) {
            StringBuilder ours = new StringBuilder();
            daemons.forEach(d -> ours.append("\n--- our daemon:\n").append(d.output()));
            throw new AssertionError(command + " exited " + r.exit() + ":\n" + r.output() + ours);
        }
        return r.output();
    }

    Result exec(List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("RUN", run.toString());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code start-peer.sh CASE SIDE [initiate]}: charon on that side. */
    String startPeer(String testCase, String side, boolean initiate) {
        String ns = "ss" + side;
        String out = shell(PEERS.resolve("start-peer.sh") + " " + testCase + " " + side);
        if (testCase.equals("rsa")) {
            // start-peer.sh copies cases/rsa/SIDE, which holds no private key: charon's comes from pki/
            String host = side.equals("A") ? "moon" : "sun";
            shell("cp " + PEERS.resolve("cases/rsa/pki/" + host + ".key") + " $RUN/" + side + "/swanctl/private/ && sw "
                    + side + " " + ns + " --load-all --noprompt");
        }
        if (initiate) {
            out += shell("sw " + side + " " + ns + " --initiate --child net --timeout 30");
        }
        return out;
    }

    /**
     * Gives the running charon of a side (started by {@link #startPeer}) the connections and
     * credentials kept in test resources under {@code interop/DIR/charon} (swanctl.conf, x509,
     * x509ca, private), loaded over those of its case, and the strongswan.conf lines of
     * {@code DIR/charon-settings.conf} (inside charon { }), which apply to IKE SAs created from now on.
     */
    void reconfigurePeer(String side, String resourceDir) {
        Path source = resources(resourceDir);
        shell(String.join(" && ",
                "cp -r " + source.resolve("charon") + "/. $RUN/" + side + "/swanctl/",
                "cp " + source.resolve("charon-settings.conf") + " $RUN/" + side + "/extra.conf",
                "sw " + side + " ss" + side + " --reload-settings",
                "sw " + side + " ss" + side + " --load-all --noprompt"));
    }

    /** Further addresses on a namespace's veth (ssA0 or ssB0), in 192.168.1.0/24. */
    void addAddresses(String ns, List<String> addresses) {
        List<String> commands = new ArrayList<>();
        addresses.forEach(a -> commands.add("ip -n " + ns + " addr replace " + a + "/24 dev " + ns + "0"));
        shell(String.join(" && ", commands));
    }

    /** swanctl --list-sas of the charon on a side. */
    String charonSas(String side) {
        return shell("sw " + side + " ss" + side + " --list-sas");
    }

    /**
     * Tunnel policies for 10.x.0.0/24 in a namespace, as an administrator loads them with
     * {@code ip xfrm policy} (level required: traffic without SAs triggers an ACQUIRE), and the
     * route to the far network that racoon, unlike charon, does not add.
     */
    void tunnelPolicies(String ns, String self, String peer, String ownNet, String farNet, String ownInner) {
        shell(String.join("; ",
                "ip -n " + ns + " xfrm policy add src " + ownNet + " dst " + farNet + " dir out tmpl src " + self
                        + " dst " + peer + " proto esp mode tunnel level required",
                "ip -n " + ns + " xfrm policy add src " + farNet + " dst " + ownNet + " dir in tmpl src " + peer
                        + " dst " + self + " proto esp mode tunnel level required",
                "ip -n " + ns + " xfrm policy add src " + farNet + " dst " + ownNet + " dir fwd tmpl src " + peer
                        + " dst " + self + " proto esp mode tunnel level required",
                "ip -n " + ns + " route replace " + farNet + " via " + peer + " src " + ownInner));
    }

    /** Tunnel policies between 10.1.0.0/24 behind A and 10.2.0.0/24 behind B, in both namespaces. */
    void tunnelPoliciesOnBothSides() {
        tunnelPolicies(A, IP_A, IP_B, "10.1.0.0/24", "10.2.0.0/24", "10.1.0.1");
        tunnelPolicies(B, IP_B, IP_A, "10.2.0.0/24", "10.1.0.0/24", "10.2.0.1");
    }

    /**
     * Our daemon in a namespace with a racoon.conf from the test resources (psk.txt beside it, mode
     * 0600), with these options besides {@code -F -f -d -l}.
     */
    OurDaemon startDaemon(String ns, String resourceDir, String confName, String... options)
            throws IOException, InterruptedException {
        Path dir = daemonDirectory(ns);
        Path source = resources(resourceDir);
        Path pskSource = source.resolve(confName.replace("racoon", "psk").replace(".conf", ".txt"));
        if (Files.exists(pskSource)) {
            Path psk = dir.resolve("psk.txt");
            Files.copy(pskSource, psk, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(psk, PosixFilePermissions.fromString("rw-------"));
        }
        Path conf = dir.resolve("racoon.conf");
        Files.writeString(conf, Files.readString(source.resolve(confName)).replace("@DIR@", dir.toString()));
        Path log = dir.resolve("racoon.log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns, ROOT.resolve("bin/racoon").toString(),
                "-F", "-f", conf.toString(), "-d", "-l", log.toString()));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("racoon.out").toFile()).start();
        OurDaemon daemon = new OurDaemon(p, log, dir.resolve("racoon.out"));
        daemons.add(daemon);
        // the automatic choice: PF_KEY when the kernel has AF_KEY, XFRM in the pass without af_key
        daemon.awaitLog("racoon started (kernel: " + (Files.exists(Path.of("/proc/net/pfkey")) ? "PF_KEY" : "XFRM")
                + ")", 60);
        return daemon;
    }

    /** A folder of the interop test resources. */
    private static Path resources(String dir) {
        return ROOT.resolve("ike-daemon/src/test/resources/interop").resolve(dir);
    }

    /** Where a namespace's daemon keeps its configuration, keys and log. */
    Path daemonDirectory(String ns) throws IOException {
        return Files.createDirectories(run.resolve("racoon-" + ns));
    }

    /** The rsa case's credentials for one host ("moon" or "sun") in the namespace's daemon directory. */
    void installPki(String ns, String host) throws IOException {
        TestPki.install(daemonDirectory(ns), host);
    }

    /** Pings the far inner address from a namespace's inner address until one answer comes back. */
    boolean ping(String ns, String from, String to, int attempts) {
        for (int i = 0; i < attempts; i++) {
            if (exec(List.of("ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "2", "-I", from, to)).exit() == 0) {
                return true;
            }
        }
        return false;
    }

    /** Packets counted by every XFRM SA of a namespace ({@code ip -s xfrm state}, "lifetime current"). */
    long espPackets(String ns) {
        String out = shell("ip -n " + ns + " -s xfrm state");
        Matcher m = Pattern.compile("lifetime current:\\s*\\n\\s*\\d+\\(bytes\\), (\\d+)\\(packets\\)").matcher(out);
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    /**
     * Each SA of a namespace as endpoints, SPI, and algorithms with their keys, from
     * {@code ip xfrm state}; reqid, replay window and flags differ between implementations.
     */
    Set<String> saKeys(String ns) {
        String out = shell("ip -n " + ns + " xfrm state");
        Set<String> sas = new HashSet<>();
        for (String block : out.split("(?m)^(?=src )")) {
            if (block.isBlank()) {
                continue;
            }
            StringBuilder key = new StringBuilder(block.lines().findFirst().orElseThrow().trim());
            Matcher spi = Pattern.compile("proto (\\S+) spi (0x[0-9a-f]+)").matcher(block);
            assertTrue(spi.find(), block);
            key.append(" ").append(spi.group(1)).append(" ").append(spi.group(2));
            block.lines().map(String::trim).filter(l -> l.startsWith("enc ") || l.startsWith("auth"))
                    .sorted().forEach(l -> key.append(" | ").append(l));
            sas.add(key.toString());
        }
        return sas;
    }

    /**
     * A ping 10.1.0.1 -> 10.2.0.1 passes, the ESP counters grow in both namespaces, and both
     * kernels hold the same two SAs: endpoints, SPIs, algorithms and keys.
     */
    void assertPingThroughEspWithEqualKeys() {
        long beforeA = espPackets(A);
        long beforeB = espPackets(B);
        assertTrue(ping(A, "10.1.0.1", "10.2.0.1", 3), "ping 10.1.0.1 -> 10.2.0.1 through the tunnel");
        assertTrue(espPackets(A) > beforeA, "ESP counters in ssA");
        assertTrue(espPackets(B) > beforeB, "ESP counters in ssB");
        Set<String> sasA = saKeys(A);
        assertEquals(2, sasA.size(), sasA.toString());
        assertEquals(sasA, saKeys(B));
    }

    /** Stops our daemons (SIGTERM; each must exit 0) and everything the peer scripts started. */
    @Override
    public void close() throws InterruptedException {
        List<String> failures = new ArrayList<>();
        for (OurDaemon d : daemons) {
            int exit = d.stop();
            if (exit != 0 && !d.killed) {
                failures.add("daemon exited " + exit + ": " + d.output());
            }
        }
        shell(PEERS.resolve("stop-pair.sh").toString());
        assertEquals(List.of(), failures);
    }

    /** bin/racoon as a child process. */
    static final class OurDaemon {
        private final Process process;
        private final Path log;
        private final Path out;
        private boolean killed;

        OurDaemon(Process process, Path log, Path out) {
            this.process = process;
            this.log = log;
            this.out = out;
        }

        /** The daemon's process ID (bin/racoon execs java, so this is the JVM's). */
        long pid() {
            return process.pid();
        }

        String log() {
            try {
                return Files.exists(log) ? Files.readString(log) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String output() {
            try {
                return Files.readString(out) + log();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits until the log has a line containing {@code text}; fails if the daemon ends first. */
        void awaitLog(String text, int seconds) throws InterruptedException {
            for (int i = 0; i < seconds * 10; i++) {
                if (log().contains(text)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("daemon ended (" + process.exitValue() + "): " + output());
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no '" + text + "' in the daemon's log: " + output());
        }

        /** SIGKILL, as a crash: the daemon tells its peer nothing. */
        void kill() throws InterruptedException {
            killed = true;
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("daemon survived SIGKILL");
            }
        }

        int stop() throws InterruptedException {
            if (!process.isAlive()) {
                return process.exitValue();
            }
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        }
    }
}
