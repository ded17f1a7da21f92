package org.jracoon.testbeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The IKE daemons of one scenario run, each in its host's namespace: ours as users start it
 * ({@code bin/racoon -F -f racoon.conf -l racoon.log}, from a copy of the scenario folder made
 * readable by root only, as racoon wants psk.txt and private keys), and under {@code --peer
 * strongswan} Debian's charon on the hosts that give a swanctl.conf, started with
 * ../shared/peers/strongswan/lib.sh: its own strongswan.conf, private /run (pid file) and vici
 * socket per namespace. {@link #close()} stops each by its process id.
 */
final class Daemons implements AutoCloseable {
    /** What our daemon logs once it listens, and for each IPsec SA pair it put in the kernel. */
    static final String STARTED = "racoon started";
    static final String INSTALLED = "IPsec SA installed";
    private static final long START_SECONDS = 180;
    /**
     * Error lines: ERROR, and WARN from the negotiating subsystems (a failed phase, a refused
     * peer, a kernel refusal), which racoon itself logs as ERROR. Remarks on the configuration
     * at start ({@code [ike.cfg]}, e.g. an ignored compression_algorithm) are not errors.
     */
    private static final Pattern ERROR_LINE = Pattern.compile(": (ERROR: |WARN: \\[ike\\.(?!cfg\\]))");
    private static final String CHARON_PLUGINS = "random nonce aes gcrypt des sha1 sha2 md5 hmac gmp x509 pubkey"
            + " pkcs1 pkcs8 pem constraints revocation kernel-netlink socket-default vici";

    /** Our daemon on {@code host}, its log and what it printed. */
    private record Ours(String host, Process process, Path log, Path out) {
    }

    private final Shell shell;
    private final Path peers;
    private final Path charonRun;
    private final List<Ours> ours = new ArrayList<>();
    private final List<String> charons = new ArrayList<>();

    private Daemons(Shell shell, Path peers, Path charonRun) {
        this.shell = shell;
        this.peers = peers;
        this.charonRun = charonRun;
    }

    /**
     * Starts every daemon of {@code scenario} and waits until each listens; on failure what was
     * started is stopped before the exception leaves.
     *
     * @param root   the checkout (bin/racoon)
     * @param shared ../shared (peers/strongswan for charon)
     * @param work   the run's folder: one subfolder per host
     */
    static Daemons start(Scenario scenario, Scenario.Peer peer, Shell shell, Path root, Path shared, Path work)
            throws ScenarioException {
        Daemons daemons = new Daemons(shell, shared.resolve("peers/strongswan"), work.resolve("charon"));
        try {
            for (Scenario.Host host : scenario.hosts()) {
                if (host.charon(peer)) {
                    daemons.startCharon(scenario, host);
                } else if (!host.racoon().isEmpty()) {
                    daemons.startOurs(scenario, host, root, work.resolve(host.name()));
                }
            }
            for (Ours d : daemons.ours) {
                daemons.awaitStarted(d);
            }
            return daemons;
        } catch (ScenarioException | RuntimeException e) {
            daemons.close();
            throw e;
        }
    }

    private void startOurs(Scenario scenario, Scenario.Host host, Path root, Path dir) throws ScenarioException {
        shell.ok("rm -rf " + dir + " && mkdir -p " + dir + " && cp -a " + scenario.dir().toAbsolutePath() + "/. "
                + dir + " && chmod -R go-rwx " + dir);
        Path log = dir.resolve("racoon.log");
        Path out = dir.resolve("racoon.out");
        try {
            Process p = shell.start("cd " + dir + " && exec ip netns exec " + host.name() + " " + root.resolve("bin/racoon")
                    + " -F -f " + host.racoon() + " -l " + log + " > " + out + " 2>&1");
            p.getOutputStream().close();
            ours.add(new Ours(host.name(), p, log, out));
        } catch (IOException e) {
            throw new ScenarioException(host.name() + ": bin/racoon: " + e.getMessage());
        }
    }

    private void awaitStarted(Ours d) throws ScenarioException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (!read(d.log()).contains(STARTED)) {
            if (!d.process().isAlive()) {
                throw new ScenarioException(d.host() + ": racoon exited " + d.process().exitValue() + ": "
                        + Shell.lastLine(read(d.out()) + read(d.log())));
            }
            if (System.nanoTime() > deadline) {
                throw new ScenarioException(d.host() + ": racoon did not start in " + START_SECONDS + " s: "
                        + Shell.lastLine(read(d.out()) + read(d.log())));
            }
            pause();
        }
    }

    /**
     * charon in the host's namespace with the scenario's swanctl.conf, or its whole swanctl
     * folder (certificates and keys too; links followed, as they point into the host's
     * certificate folder).
     */
    private void startCharon(Scenario scenario, Scenario.Host host) throws ScenarioException {
        String h = host.name();
        String d = "$RUN/" + h;
        Path swanctl = scenario.dir().toAbsolutePath().resolve(host.swanctl());
        String copy = Files.isDirectory(swanctl) ? "cp -RL " + swanctl + "/. " + d + "/swanctl/"
                : "cp " + swanctl + " " + d + "/swanctl/swanctl.conf";
        charons.add(h);
        // lib.sh's start_charon gives charon 5 s to open its vici socket; a loaded one-CPU guest
        // may need longer, so a late charon is waited for here (its pid file is what stop_charon uses)
        charonBash("rm -rf " + d + " && gen_conf " + h + " '" + CHARON_PLUGINS + "' '' && mkdir -p " + d
                + "/swanctl/x509 " + d + "/swanctl/x509ca " + d + "/swanctl/private && " + copy
                + " && { start_charon " + h + " " + h + " > /dev/null || { for i in $(seq 1 " + START_SECONDS * 10
                + "); do [ -S " + d + "/charon.vici ] && break; sleep 0.1; done; [ -S " + d + "/charon.vici ]"
                + " && cp " + d + "/run/charon.pid " + d + "/charon.pid; }; } && sw " + h + " " + h
                + " --load-all --noprompt");
    }

    private String charonBash(String script) throws ScenarioException {
        return shell.okBash("export RUN=" + charonRun + "; . " + peers.resolve("lib.sh") + " && " + script);
    }

    /** Whether each of our daemons has put an IPsec SA into its kernel. */
    boolean allInstalled() throws ScenarioException {
        for (Ours d : ours) {
            if (!read(d.log()).contains(INSTALLED)) {
                return false;
            }
        }
        return true;
    }

    /** Why {@link #allInstalled()} is false: the hosts still waiting and their daemons' last lines. */
    List<String> notInstalled() throws ScenarioException {
        List<String> out = new ArrayList<>();
        for (Ours d : ours) {
            String log = read(d.log());
            if (!log.contains(INSTALLED)) {
                out.add(d.host() + " (last log line: " + Shell.lastLine(log) + ")");
            }
        }
        return out;
    }

    /** The daemon check: every error line of our daemons' logs, and each daemon that exited on its own. */
    List<String> errors() throws ScenarioException {
        List<String> failures = new ArrayList<>();
        for (Ours d : ours) {
            if (!d.process().isAlive()) {
                failures.add("daemon: " + d.host() + ": racoon exited " + d.process().exitValue() + " during the run");
            }
            read(d.log()).lines().filter(Daemons::isErrorLine).forEach(l -> failures.add(
                    "daemon: " + d.host() + ": error in racoon.log: " + l.strip()));
        }
        return failures;
    }

    /** Whether a line of our daemon's log is an error line (see {@link #ERROR_LINE}). */
    static boolean isErrorLine(String line) {
        return ERROR_LINE.matcher(line).find();
    }

    /** Stops every daemon by its process id: ours with SIGTERM (racoon's way), charon by lib.sh's stop_charon. */
    @Override
    public void close() {
        for (Ours d : ours) {
            d.process().destroy();
            try {
                if (!d.process().waitFor(30, TimeUnit.SECONDS)) {
                    System.err.println("teardown: " + d.host() + ": racoon did not stop on SIGTERM; killed");
                    d.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ours.clear();
        for (String h : charons) {
            try {
                charonBash("stop_charon " + h);
            } catch (ScenarioException e) {
                System.err.println("teardown: " + e.getMessage());
            }
        }
        charons.clear();
    }

    private static String read(Path file) throws ScenarioException {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new ScenarioException(file + ": " + e.getMessage());
        }
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
