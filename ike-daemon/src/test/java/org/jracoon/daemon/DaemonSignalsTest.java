package org.jracoon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jracoon.daemon.ctl.Racoonctl;
import org.jracoon.daemon.ctl.Racoonctl.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * racoon as processes (dry runs on loopback): SIGHUP with a broken racoon.conf is one error line
 * and the running configuration keeps negotiating; reload-config and SIGHUP with a good one take
 * effect; SIGTERM deletes the daemon's SAs, telling the peer, and ends with status 0; without
 * -F racoon returns once the detached daemon wrote its pid file, which goes when it stops.
 */
class DaemonSignalsTest {

    private static final String A = "127.0.61.3";
    private static final String B = "127.0.61.4";

    @Test
    void reloadsSignalsAndDetaching(@TempDir Path dir) throws Exception {
        Path confA = config(dir, "a", A, B, "");
        Path confB = config(dir, "b", B, A, "");
        Path logA = dir.resolve("a.log");
        Path logB = dir.resolve("b.log");
        Process a = racoon(dir, "-F", "--dry-run", "-f", confA.toString(), "-l", logA.toString());
        List<Process> started = new ArrayList<>(List.of(a));
        try {
            // B detached: racoon returns once the daemon is up and its pid file names it
            Process parent = racoon(dir, "--dry-run", "-f", confB.toString(), "-l", logB.toString());
            started.add(parent);
            assertTrue(parent.waitFor(90, TimeUnit.SECONDS), "racoon without -F did not return");
            assertEquals(0, parent.exitValue(), Files.readString(dir.resolve("out")));
            long pidB = Long.parseLong(Files.readString(dir.resolve("b.pid")).strip());
            ProcessHandle b = ProcessHandle.of(pidB).orElseThrow();
            assertTrue(b.isAlive());
            assertTrue(Files.exists(dir.resolve("b.sock")), "the admin socket is there when racoon returns");
            await(() -> Files.exists(dir.resolve("a.sock")), "A's admin socket");

            Files.writeString(confA, Files.readString(confA) + "remote 192.0.2.1 { exchange_mode main; bogus on; }\n");
            signal("HUP", a.pid());
            await(() -> read(logA).contains("reload of"), "A reports the refused reload");
            List<String> errors = read(logA).lines().filter(l -> l.contains(": ERROR: ")).toList();
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).endsWith("ERROR: [ike.cfg] reload of " + confA + " refused, the running"
                    + " configuration stays: " + confA + ":6:40: unknown keyword 'bogus' in the 'remote' block: expected"
                    + " one of '}', 'script', 'mode_cfg', 'remote_address', 'exchange_mode', 'doi', 'situation',"
                    + " 'certificate_type', ... (37 in all)"), errors.get(0));
            Result up = racoonctl(dir, "a.sock", "establish-sa -w isakmp inet " + A + " " + B);
            assertEquals(0, up.exit(), "the running configuration still negotiates: " + up);
            assertTrue(up.out().contains("Phase 1 established"), up.out());
            assertEquals(new Result(1, "", "racoonctl: reload of " + confA + " refused, the running configuration stays: "
                    + confA + ":6:40: unknown keyword 'bogus' in the 'remote' block: expected one of '}', 'script',"
                    + " 'mode_cfg', 'remote_address', 'exchange_mode', 'doi', 'situation', 'certificate_type', ..."
                    + " (37 in all)\n"), racoonctl(dir, "a.sock", "reload-config"));

            config(dir, "a", A, B, "passive on;");
            assertEquals(new Result(0, "reloaded " + confA + ": 1 remote(s), 1 sainfo(s)\n", ""),
                    racoonctl(dir, "a.sock", "reload-config"));
            assertEquals(0, racoonctl(dir, "a.sock", "flush-sa isakmp").exit());
            assertEquals(new Result(1, "", "racoonctl: no phase 1 to " + B + ": remote policy is passive\n"),
                    racoonctl(dir, "a.sock", "establish-sa -w isakmp inet " + A + " " + B));
            config(dir, "a", A, B, "");
            signal("HUP", a.pid());
            await(() -> read(logA).lines().filter(l -> l.contains("reloaded " + confA)).count() == 2,
                    "A reloads on SIGHUP");
            assertEquals(0, racoonctl(dir, "a.sock", "establish-sa -w isakmp inet " + A + " " + B).exit());

            signal("TERM", a.pid());
            assertTrue(a.waitFor(30, TimeUnit.SECONDS), "A did not stop on SIGTERM");
            assertEquals(0, a.exitValue());
            assertTrue(read(logA).contains("deleted 1 ISAKMP SA(s) with their IPsec SAs"), read(logA));
            await(() -> read(logB).contains("peer deleted the ISAKMP SA"), "B took A's DELETE");
            assertFalse(Files.exists(dir.resolve("a.sock")), "A removed its admin socket");

            signal("TERM", pidB);
            assertTrue(b.onExit().get(30, TimeUnit.SECONDS) != null);
            assertFalse(Files.exists(dir.resolve("b.pid")), "B removed its pid file");
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void aStartRefusedAfterDetachingIsReportedByTheParent(@TempDir Path dir) throws Exception {
        Path conf = config(dir, "c", A, B, "");
        // the socket cannot be made: its directory is a file
        Files.writeString(dir.resolve("c.sock.d"), "");
        Files.writeString(conf, Files.readString(conf).replace(dir.resolve("c.sock").toString(),
                dir.resolve("c.sock.d/c.sock").toString()));
        Process parent = racoon(dir, "--dry-run", "-f", conf.toString(), "-l", dir.resolve("c.log").toString());
        assertTrue(parent.waitFor(90, TimeUnit.SECONDS));
        assertEquals(1, parent.exitValue());
        List<String> lines = Files.readAllLines(dir.resolve("out"));
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("racoon: adminsock " + dir.resolve("c.sock.d/c.sock") + ": cannot create the directory "
                + dir.resolve("c.sock.d") + ": a file of that name is in the way", lines.get(0));
        assertEquals("racoon: " + conf + ": not started", lines.get(1));
        assertFalse(Files.exists(dir.resolve("c.pid")));
    }

    /** A PSK configuration for {@code self} with one remote, {@code peer}; extra remote lines in {@code remote}. */
    private static Path config(Path dir, String name, String self, String peer, String remote) throws IOException {
        Path psk = RacoonMainTest.pskFile(Files.createDirectories(dir.resolve(name + "-psk")),
                peer + "\tsignals-test-psk\n", "rw-------");
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, "path pre_shared_key \"" + psk + "\";\n"
                + "path pidfile \"" + dir.resolve(name + ".pid") + "\";\n"
                + "listen { isakmp " + self + " [500]; adminsock \"" + dir.resolve(name + ".sock") + "\" \"root\" \"root\" 0600; }\n"
                + "remote " + peer + " { exchange_mode main; " + remote + " proposal { encryption_algorithm aes;"
                + " hash_algorithm sha1; authentication_method pre_shared_key; dh_group modp1024; } }\n"
                + "sainfo anonymous { encryption_algorithm aes; authentication_algorithm hmac_sha1;"
                + " compression_algorithm deflate; }\n");
        return conf;
    }

    /** racoon (RacoonMain in a new JVM) with these arguments, its stdout and stderr appended to {@code dir/out}. */
    static Process racoon(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path"),
                RacoonMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out").toFile())).start();
    }

    private static Result racoonctl(Path dir, String socket, String words) {
        return Racoonctl.run(dir.resolve(socket), words);
    }

    static void signal(String name, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor());
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
