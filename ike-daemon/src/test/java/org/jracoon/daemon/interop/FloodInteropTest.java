package org.jracoon.daemon.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's flood: spoofed MM1s from 65 000 source addresses at 10 000 a second for 30 s at our
 * daemon in ssA, and on until charon in ssB, which starts 5 s into it, has negotiated with it
 * again (a second ISAKMP SA and IPsec SA pair for the same tunnel): the whole negotiation runs
 * under the flood. Meanwhile the SAs negotiated before keep carrying a ping. Prints the rate
 * the generator achieved, where the guest's one CPU went, the kernel's drops at the daemon's
 * socket, the replies, the negotiation's time, the ping loss and the daemon's heap after a full
 * GC; asserts the negotiation, a ping loss of at most {@value #PING_LOSS_PERCENT} %, the heap
 * bound and never more replies than requests.
 *
 * <p>The generator ({@link SpoofedMm1Flood}) runs in this JVM, in the guest's first namespace,
 * and writes the forged datagrams through a raw socket onto a veth into ssA, which routes
 * 10.99.0.0/16 back over it; this namespace takes those addresses as local (an AnyIP route), so
 * the daemon's replies are counted here. The guest has one CPU, shared by the generator, the
 * kernel's delivery of every datagram (charged to the generator's sendmmsg calls), the daemon,
 * charon and ping. About 3 min; tag "flood", so not in the kernel run:
 * <pre>
 *   mvn -B -q -pl ike-daemon -am package -DskipTests
 *   ../shared/kernel/run-in-kernel --mem 3G -- mvn -B -o -Pflood -pl ike-daemon -am test
 * </pre>
 */
@Tag("flood")
class FloodInteropTest {

    private static final int RATE = 10_000;
    private static final Duration FLOOD = Duration.ofSeconds(30);
    /** Past charon's own 60 s timeout: the flood never stops before the negotiation does. */
    private static final Duration FLOOD_AT_MOST = Duration.ofSeconds(75);
    private static final String FIRST_SOURCE = "10.99.0.1";
    private static final int SOURCES = 65_000;
    private static final long HEAP_BOUND = 64L * 1024 * 1024;
    private static final int PING_LOSS_PERCENT = 5;
    /** USER_HZ, the unit of /proc's CPU times. */
    private static final int TICKS = 100;

    @Test
    void negotiationAndTrafficSurviveAFloodOfSpoofedMm1(@TempDir Path run) throws Exception {
        try (Namespaces ns = new Namespaces(run)) {
            ns.startPeer("psk-aes", "B", false);
            Files.copy(Path.of(System.getProperty("jracoon.root"),
                    "ike-daemon/src/test/resources/interop/flood/swanctl-B.conf"),
                    run.resolve("B/swanctl/swanctl.conf"), StandardCopyOption.REPLACE_EXISTING);
            ns.shell("sw B ssB --load-all --noprompt");
            Namespaces.OurDaemon ours = ns.startDaemon(Namespaces.A, "flood", "racoon.conf");
            ns.tunnelPolicies(Namespaces.A, Namespaces.IP_A, Namespaces.IP_B, "10.1.0.0/24", "10.2.0.0/24",
                    "10.1.0.1");
            String before = ns.shell("sw B ssB --initiate --child net --timeout 30");
            assertTrue(before.contains("initiate completed successfully"), before);
            assertTrue(ns.ping(Namespaces.A, "10.1.0.1", "10.2.0.1", 5), "the tunnel negotiated before the flood");

            floodLink(ns);
            long[] udpBefore = udpCounters(ns);
            long[] cpuBefore = cpuTicks();
            long daemonBefore = processTicks(ours.pid());
            long charonBefore = processTicks(charonPid(run));
            Map<String, Long> tasksBefore = taskTicks();
            try (SpoofedMm1Flood flood = new SpoofedMm1Flood((Inet4Address) InetAddress.getByName(FIRST_SOURCE),
                    SOURCES, 500, new InetSocketAddress(InetAddress.getByName(Namespaces.IP_A), 500))) {
                long floodStart = System.nanoTime();
                AtomicBoolean negotiating = new AtomicBoolean(true);
                CompletableFuture<SpoofedMm1Flood.Figures> flooding = CompletableFuture.supplyAsync(() -> {
                    try {
                        return flood.run(RATE, FLOOD, FLOOD_AT_MOST, negotiating::get);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                Process ping = new ProcessBuilder("ip", "netns", "exec", Namespaces.A, "ping", "-q", "-c", "120",
                        "-i", "0.25", "-W", "1", "-I", "10.1.0.1", "10.2.0.1").redirectErrorStream(true).start();
                Thread.sleep(5_000);
                long start = System.nanoTime();
                Namespaces.Result during = ns.exec(List.of("bash", "-c", ". " + Path.of(System.getProperty(
                        "jracoon.shared"), "peers/strongswan/lib.sh") + "; sw B ssB --initiate --child net2 --timeout 60"));
                long negotiated = System.nanoTime();
                long heap = heapAfterFullGc(ns, ours);
                negotiating.set(false);
                long negotiationMillis = (negotiated - start) / 1_000_000;
                SpoofedMm1Flood.Figures figures = flooding.get(FLOOD_AT_MOST.toSeconds() + 30, TimeUnit.SECONDS);
                long floodLeftMillis = (floodStart + figures.elapsed().toNanos() - negotiated) / 1_000_000;
                long[] cpuAfter = cpuTicks();
                long daemonTicks = processTicks(ours.pid()) - daemonBefore;
                long charonTicks = processTicks(charonPid(run)) - charonBefore;
                Map<String, Long> tasks = taskTicks();
                tasks.replaceAll((task, ticks) -> ticks - tasksBefore.getOrDefault(task, 0L));
                String pingOut = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                ping.waitFor(60, TimeUnit.SECONDS);
                Matcher loss = Pattern.compile("(\\d+) packets transmitted, (\\d+) received").matcher(pingOut);
                assertTrue(loss.find(), pingOut);
                int pings = Integer.parseInt(loss.group(1));
                int answered = Integer.parseInt(loss.group(2));
                long[] udpAfter = udpCounters(ns);
                long replies = flood.replies();
                String log = ours.log();
                List<String> drops = log.lines().filter(l -> l.contains("Main Mode requests dropped")
                        || l.contains("dropped: half-open")).toList();
                long answered1 = log.lines().filter(l -> l.contains("responding to Main Mode from 10.99.")).count();
                Files.writeString(Path.of(System.getProperty("jracoon.root"), "ike-daemon/target/flood-racoon.log"), log);

                System.out.printf("flood: %d MM1 from %d addresses in %.1f s = %.0f/s (asked %d/s), %d sendmmsg"
                        + " calls%n", figures.sent(), SOURCES, figures.elapsed().toMillis() / 1000.0, figures.rate(),
                        RATE, figures.calls());
                long[] used = new long[cpuAfter.length];
                for (int i = 0; i < used.length; i++) {
                    used[i] = cpuAfter[i] - cpuBefore[i];
                }
                long all = Arrays.stream(used).sum();
                System.out.printf("flood: guest CPU over the flood: %s; the generator's thread %.0f%% (its"
                        + " system calls carry the kernel's delivery), daemon %.0f%%, charon %.0f%%%n",
                        cpuShares(used, all), 100.0 * figures.cpu().toMillis() / 1000 * TICKS / all,
                        100.0 * daemonTicks / all, 100.0 * charonTicks / all);
                System.out.println("flood: busiest threads: " + tasks.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                        .map(e -> e.getKey() + " " + Math.round(100.0 * e.getValue() / all) + "%")
                        .collect(Collectors.joining(", ")) + "; threads gone by the end "
                        + Math.round(100.0 * (all - used[3] - tasks.values().stream().mapToLong(Long::longValue).sum()) / all) + "%");
                System.out.printf("flood: ssA's UDP took %d datagrams and dropped %d for a full socket buffer;"
                        + " %d replies came back to the forged senders, the daemon logged %d MM1s answered (log"
                        + " in ike-daemon/target/flood-racoon.log)%n", udpAfter[0] - udpBefore[0],
                        udpAfter[1] - udpBefore[1], replies, answered1);
                System.out.printf("flood: Main Mode + Quick Mode with charon, begun 5 s into the flood, took %d ms"
                        + " (exit %d) and ended %.1f s %s the flood%n", negotiationMillis, during.exit(),
                        Math.abs(floodLeftMillis) / 1000.0, floodLeftMillis >= 0 ? "before the end of" : "after");
                System.out.printf("flood: ping through the tunnel made before: %d of %d answered (%.1f%% loss)%n",
                        answered, pings, 100.0 * (pings - answered) / pings);
                System.out.printf("flood: daemon heap after a full GC during the flood: %d KiB (bound %d KiB)%n",
                        heap / 1024, HEAP_BOUND / 1024);
                drops.forEach(l -> System.out.println("flood: daemon: " + l));

                assertTrue(figures.rate() >= 0.9 * RATE, "the generator fell short of the rate: " + figures);
                assertTrue(during.output().contains("initiate completed successfully"), during.output());
                assertTrue(floodLeftMillis > 0, "the negotiation ended after the flood");
                String sas = ns.charonSas("B");
                assertTrue(sas.contains("during: #") && sas.contains("net2: #"), "a Main Mode of its own\n" + sas);
                assertTrue(log.lines().filter(l -> l.contains("ISAKMP SA established")).count() == 2, log);
                assertTrue(100 * (pings - answered) <= PING_LOSS_PERCENT * pings, pingOut);
                assertTrue(heap < HEAP_BOUND, heap + " bytes");
                assertTrue(replies <= figures.sent(), "never more answers than requests");
                assertTrue(ns.ping(Namespaces.A, "10.1.0.1", "10.2.0.1", 3), "the tunnel after the flood");
            }
        }
    }

    /**
     * A veth from the guest's first namespace (10.98.0.1) into ssA (10.98.0.2); ssA reaches
     * the forged 10.99.0.0/16 through it, and this namespace takes those addresses as its own.
     * rp_filter is off so no namespace second-guesses the forged sources.
     */
    private static void floodLink(Namespaces ns) {
        ns.shell(String.join(" && ",
                "ip link add flood0 type veth peer name flood1 netns ssA",
                "ip addr add 10.98.0.1/30 dev flood0",
                "ip -n ssA addr add 10.98.0.2/30 dev flood1",
                "ip link set flood0 up",
                "ip -n ssA link set flood1 up",
                "ip route replace 192.168.1.11/32 via 10.98.0.2 dev flood0",
                "ip -n ssA route replace 10.99.0.0/16 via 10.98.0.1 dev flood1",
                "ip route replace local 10.99.0.0/16 dev lo",
                "sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.flood0.rp_filter=0",
                "ip netns exec ssA sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.flood1.rp_filter=0"));
    }

    /** ssA's UDP InDatagrams and RcvbufErrors (/proc/net/snmp). */
    private static long[] udpCounters(Namespaces ns) {
        List<String> udp = ns.shell("ip netns exec ssA cat /proc/net/snmp").lines().filter(l -> l.startsWith("Udp: "))
                .toList();
        List<String> names = List.of(udp.get(0).split("\\s+"));
        String[] values = udp.get(1).split("\\s+");
        return new long[] {Long.parseLong(values[names.indexOf("InDatagrams")]),
                Long.parseLong(values[names.indexOf("RcvbufErrors")])};
    }

    private static final List<String> CPU_FIELDS = List.of("user", "nice", "system", "idle", "iowait", "irq",
            "softirq", "steal");

    /** The guest's CPU times (/proc/stat's "cpu" line), in {@link #CPU_FIELDS} order. */
    private static long[] cpuTicks() throws IOException {
        String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
        String[] f = line.trim().split("\\s+");
        long[] ticks = new long[CPU_FIELDS.size()];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = Long.parseLong(f[i + 1]);
        }
        return ticks;
    }

    private static String cpuShares(long[] used, long all) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < used.length; i++) {
            if (used[i] > 0) {
                s.append(s.isEmpty() ? "" : ", ").append(CPU_FIELDS.get(i)).append(' ')
                        .append(Math.round(100.0 * used[i] / all)).append('%');
            }
        }
        return s.toString();
    }

    /** A process's user + system time (/proc/PID/stat fields 14 and 15, after the parenthesised name). */
    private static long processTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /**
     * Every thread's user + system time in the guest, keyed "pid/tid comm" (a JVM names its
     * threads' comm after them: the event loop, the compilers, the collector).
     */
    private static Map<String, Long> taskTicks() throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
                    for (Path thread : threads) {
                        String stat = Files.readString(thread.resolve("stat"));
                        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.put(process.getFileName() + "/" + thread.getFileName() + " " + comm,
                                Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    }
                } catch (IOException e) {
                    // the process or thread ended while we looked: it is not among the busy ones
                }
            }
        }
        return ticks;
    }

    private static long charonPid(Path run) throws IOException {
        return Long.parseLong(Files.readString(run.resolve("B/charon.pid")).trim());
    }
    /**
     * {@code jcmd PID GC.run}, then the heap's "used" from GC.heap_info, summed over the
     * collector's spaces (the one-CPU guest's JVM picks the serial collector: young + tenured).
     */
    private static long heapAfterFullGc(Namespaces ns, Namespaces.OurDaemon daemon) {
        String pid = Long.toString(daemon.pid());
        Namespaces.Result gc = ns.exec(List.of("jcmd", pid, "GC.run"));
        assertTrue(gc.exit() == 0, gc.output());
        Namespaces.Result info = ns.exec(List.of("jcmd", pid, "GC.heap_info"));
        Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info.output());
        long kib = 0;
        boolean found = false;
        while (used.find()) {
            kib += Long.parseLong(used.group(1));
            found = true;
        }
        assertTrue(info.exit() == 0 && found, info.output());
        return kib * 1024;
    }
}
