package org.jracoon.testbeds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a scenario up, runs its checks and tears it down:
 * <ol>
 * <li>negotiation (scenarios whose hosts run daemons): the first ping meets a policy without SAs,
 *     the kernel asks the daemon for them (ACQUIRE); pings are repeated until each of our daemons
 *     logs an installed SA, within a deadline. The time this took is the table's negotiation
 *     time;</li>
 * <li>traffic: each ping of the scenario passes;</li>
 * <li>capture: what the ends of the untrusted links send while the pings run shows the expected
 *     IPsec protocols and no ICMP in clear;</li>
 * <li>sa: each protecting host's kernel holds exactly the expected SAs and policies, and each of
 *     its SAs counted packets;</li>
 * <li>daemon: our daemons' logs have no error line, and none exited before teardown.</li>
 * </ol>
 * Only sent packets are captured ({@code tcpdump -Q out}): a receiver's capture also shows a
 * tunnel's inner packets, which Linux hands back to the same device after decryption though they
 * never crossed the wire. The capture runs in immediate mode: otherwise the kernel hands packets
 * to tcpdump in blocks, and those of a short ping are still in an unfinished block when the
 * capture is stopped.
 */
public final class ScenarioRun {
    private static final Pattern RTT = Pattern.compile("= [\\d.]+/([\\d.]+)/");
    private static final String LISTENING = "tcpdump: listening on";
    private static final long NEGOTIATION_SECONDS = 120;

    private final Shell shell;
    private final Path root;
    private final Path shared;
    private final Path work;

    /**
     * @param root   the checkout, for bin/setkey, bin/racoon and their jar
     * @param shared ../shared, for charon's scripts (peers/strongswan)
     * @param work   a folder for captures and host logs
     */
    public ScenarioRun(Path root, Path shared, Path work) throws ScenarioException {
        this.root = root;
        this.shared = shared;
        this.work = work;
        this.shell = new Shell(root, work);
    }

    /** Runs every check with our daemons (if the scenario has any) and tears down. */
    public Outcome run(Scenario scenario) throws ScenarioException {
        return run(scenario, Scenario.Peer.OURS, false);
    }

    /**
     * Runs every check with {@code peer} on the far end of a daemon scenario; with {@code keep}
     * the network stays up for the user ({@link Keep}) before teardown.
     */
    public Outcome run(Scenario scenario, Scenario.Peer peer, boolean keep) throws ScenarioException {
        String label = scenario.keys().equals("racoon") ? peer.label() : scenario.keys();
        Path dir = work.resolve(scenario.name() + (peer == Scenario.Peer.STRONGSWAN ? "-strongswan" : ""));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ScenarioException(dir + ": " + e.getMessage());
        }
        long start = System.nanoTime();
        Testbed bed;
        try {
            bed = Testbed.up(scenario, peer, shell, dir);
        } catch (ScenarioException e) {
            return failedSetup(scenario, label, start, e);
        }
        try (bed) {
            Daemons daemons;
            try {
                daemons = Daemons.start(scenario, peer, shell, root, shared, dir);
            } catch (ScenarioException e) {
                return failedSetup(scenario, label, start, e);
            }
            List<String> failures = new ArrayList<>();
            long setup = millisSince(start);
            double rtt;
            long negotiation = -1;
            try (daemons) {
                if (scenario.keys().equals("racoon")) {
                    negotiation = negotiate(scenario, daemons, failures);
                }
                rtt = trafficAndCapture(scenario, dir, failures);
                sas(scenario, peer, failures);
                if (keep) {
                    new Keep(bed, dir.resolve("keep"), System.out).serve(failures);
                }
                failures.addAll(daemons.errors());
            }
            return new Outcome(scenario.name(), label, setup, negotiation, rtt, List.copyOf(failures), "");
        }
    }

    private static Outcome failedSetup(Scenario scenario, String label, long start, ScenarioException e) {
        return new Outcome(scenario.name(), label, millisSince(start), -1, -1, List.of("setup: " + e.getMessage()), "");
    }

    /**
     * Check 1: pings from the first ping's host start the negotiation (the first packets are
     * dropped while the kernel waits for the SAs) until each of our daemons logged an installed
     * SA; gives the milliseconds from the first ping to then, or -1 past the deadline.
     */
    private long negotiate(Scenario scenario, Daemons daemons, List<String> failures) throws ScenarioException {
        Scenario.Ping trigger = scenario.pings().get(0);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(NEGOTIATION_SECONDS);
        Process ping = null;
        try {
            while (!daemons.allInstalled()) {
                if (!daemons.errors().isEmpty()) {
                    // the daemon check names the lines; waiting on would only reach the deadline
                    failures.add("negotiation: stopped waiting " + millisSince(start) + " ms after the first ping "
                            + trigger.from() + " -> " + trigger.to() + ": a daemon logged an error");
                    return -1;
                }
                if (System.nanoTime() > deadline) {
                    failures.add("negotiation: no IPsec SA installed within " + NEGOTIATION_SECONDS + " s of the first ping "
                            + trigger.from() + " -> " + trigger.to() + " on " + String.join(", ", daemons.notInstalled()));
                    return -1;
                }
                if (ping == null || !ping.isAlive()) {
                    ping = shell.start("exec ip netns exec " + trigger.from() + " ping -c 1 -W 1 " + trigger.to()
                            + " > /dev/null 2>&1");
                }
                Daemons.pause();
            }
            return millisSince(start);
        } catch (IOException e) {
            throw new ScenarioException("ping " + trigger.to() + ": " + e.getMessage());
        } finally {
            if (ping != null) {
                stop(ping);
            }
        }
    }

    /** Checks 2 and 3: pings with captures running; gives the average round trip. */
    private double trafficAndCapture(Scenario scenario, Path dir, List<String> failures) throws ScenarioException {
        List<Process> captures = new ArrayList<>();
        List<Path> pcaps = new ArrayList<>();
        List<String> pingResults = new ArrayList<>();
        double rttSum = 0;
        int rttCount = 0;
        try {
            for (Scenario.Link link : scenario.links()) {
                if (link.untrusted()) {
                    for (Scenario.End end : List.of(link.a(), link.b())) {
                        Path pcap = dir.resolve("sent-by-" + end.host() + "-" + end.device() + ".pcap");
                        captures.add(capture(end, pcap));
                        pcaps.add(pcap);
                    }
                }
            }
            for (Scenario.Ping ping : scenario.pings()) {
                Shell.Result r = shell.run("ip netns exec " + ping.from() + " ping -c 3 -i 0.2 -W 2 " + ping.to());
                Matcher m = RTT.matcher(r.output());
                if (r.ok() && m.find()) {
                    rttSum += Double.parseDouble(m.group(1));
                    rttCount++;
                } else {
                    pingResults.add("traffic: ping " + ping.from() + " -> " + ping.to() + " failed: " + summary(r));
                }
            }
        } finally {
            captures.forEach(ScenarioRun::stop);
        }
        failures.addAll(pingResults);
        List<String> sent = new ArrayList<>();
        for (Path pcap : pcaps) {
            sent.add(shell.ok("tcpdump -n -r " + pcap + " 2>/dev/null"));
        }
        for (String protocol : scenario.wire()) {
            if (sent.stream().flatMap(String::lines).noneMatch(line -> shows(protocol, line))) {
                failures.add("capture: no " + protocol.toUpperCase() + " sent on the untrusted links");
            }
        }
        for (int i = 0; i < pcaps.size(); i++) {
            Path pcap = pcaps.get(i);
            sent.get(i).lines().filter(l -> l.contains(" ICMP ")).findFirst().ifPresent(l -> failures.add(
                    "capture: clear-text ICMP sent on the wire (" + pcap.getFileName() + "): " + l.strip()));
        }
        return rttCount == 0 ? -1 : rttSum / rttCount;
    }

    /**
     * Whether a line of tcpdump shows {@code protocol} of a scenario's wire: tcpdump writes ESP in
     * UDP 4500 (RFC 3948) as "UDP-encap: ESP(spi=...)", which is not bare ESP (IP protocol 50).
     */
    static boolean shows(String protocol, String line) {
        boolean inUdp = line.contains("UDP-encap: ESP(spi=");
        return switch (protocol) {
            case "esp-in-udp" -> inUdp;
            case "esp" -> line.contains("ESP(spi=") && !inUdp;
            default -> line.contains(protocol.toUpperCase(Locale.ROOT) + "(spi=");
        };
    }

    /** Check 4: SAs and policies as expected on each protecting host, and every SA used. */
    private void sas(Scenario scenario, Scenario.Peer peer, List<String> failures) throws ScenarioException {
        for (Scenario.Host h : scenario.hosts()) {
            Scenario.Expectation expectation = scenario.expected().get(h.name());
            if (expectation == null) {
                continue;
            }
            String host = h.name();
            List<String> states = Xfrm.states(shell.ok("ip -n " + host + " xfrm state"));
            compare(host, "state", expectation.states(), states, failures);
            compare(host, "policy", expectation.policies(h.charon(peer)),
                    Xfrm.policies(shell.ok("ip -n " + host + " xfrm policy")), failures);
            // the same dump with statistics, in the same order (-s also spells SPIs differently)
            List<Long> counts = Xfrm.packetCounts(shell.ok("ip -s -n " + host + " xfrm state"));
            for (int i = 0; i < Math.min(states.size(), counts.size()); i++) {
                if (counts.get(i) == 0) {
                    failures.add("sa: " + host + ": SA '" + states.get(i) + "' counted no packets");
                }
            }
        }
    }

    private static void compare(String host, String what, List<String> expected, List<String> actual,
                                List<String> failures) {
        for (String want : expected) {
            if (actual.stream().noneMatch(have -> Xfrm.matches(want, have))) {
                failures.add("sa: " + host + ": missing " + what + " '" + want + "'");
            }
        }
        for (String have : actual) {
            if (expected.stream().noneMatch(want -> Xfrm.matches(want, have))) {
                failures.add("sa: " + host + ": unexpected " + what + " '" + have + "'");
            }
        }
    }

    /** tcpdump of what {@code end} sends, once it says it is listening. */
    private Process capture(Scenario.End end, Path pcap) throws ScenarioException {
        try {
            Process p = shell.start("exec ip netns exec " + end.host() + " tcpdump -n -U --immediate-mode -Q out -i " + end.device()
                    + " -w " + pcap);
            byte[] first = p.getInputStream().readNBytes(LISTENING.length());
            String said = new String(first, StandardCharsets.UTF_8);
            if (!said.equals(LISTENING)) {
                stop(p);
                throw new ScenarioException("capture on " + end.host() + ":" + end.device() + " did not start: " + said);
            }
            return p;
        } catch (IOException e) {
            throw new ScenarioException("capture on " + end.host() + ":" + end.device() + ": " + e.getMessage());
        }
    }

    private static void stop(Process capture) {
        capture.destroy();
        try {
            capture.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** ping's "N packets transmitted, M received, ..." line, or its last line. */
    private static String summary(Shell.Result r) {
        return r.output().lines().filter(l -> l.contains("packets transmitted")).findFirst().orElse(r.lastLine());
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
