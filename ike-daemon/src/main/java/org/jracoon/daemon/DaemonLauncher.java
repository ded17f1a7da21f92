package org.jracoon.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.jracoon.crypto.openssl.CryptoProviders;
import org.jracoon.daemon.admin.AdminCommands;
import org.jracoon.daemon.admin.AdminException;
import org.jracoon.daemon.admin.AdminSocket;
import org.jracoon.daemon.auth.ConfiguredAuthenticators;
import org.jracoon.daemon.config.ConfigMapping;
import org.jracoon.daemon.config.NegotiatorConfig;
import org.jracoon.daemon.config.UnsupportedConfigException;
import org.jracoon.daemon.keylog.ExportingKernel;
import org.jracoon.daemon.keylog.KeyExport;
import org.jracoon.daemon.log.LogSetup;
import org.jracoon.daemon.net.UdpTransport;
import org.jracoon.daemon.runtime.Daemon;
import org.jracoon.ike.engine.Limits;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.NatTraversal;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.PreSharedKeys;
import org.jracoon.parser.conf.ConfigException;
import org.jracoon.parser.conf.ConfigLoader;
import org.jracoon.parser.conf.FileReference;
import org.jracoon.parser.conf.LoadedConfig;
import org.jracoon.parser.conf.RacoonConf;
import org.jracoon.parser.psk.PskException;
import org.jracoon.pfkey.KernelBackends;
import org.jracoon.pfkey.recording.RecordingKernel;
import org.jracoon.xfrm.XfrmKernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Starts the daemon from a loaded configuration and keeps it running: the admin socket, the pid
 * file when daemonised, SIGHUP to reload, SIGTERM and SIGINT to delete the SAs it negotiated and
 * stop with status 0. Everything that stops the start is one line on stderr and exit status 1.
 */
final class DaemonLauncher implements AdminCommands.Reload {

    private static final Logger CFG = LoggerFactory.getLogger("ike.cfg");
    /** racoon's VARRUN: where the pid file goes when {@code path pidfile} is relative or absent. */
    static final Path VARRUN = Path.of("/var/run");

    /**
     * What the command line asks for besides the configuration.
     *
     * @param logFile    {@code -l}, or null
     * @param daemonised running detached (racoon without {@code -F}): pid file and syslog
     * @param exportKeys {@code --export-keys}, or null
     * @param logLocation {@code -L}: each log line names where it was logged
     * @param backend    {@code --kernel}: the kernel interface named, or empty for the automatic choice
     * @param family     {@code -4} or {@code -6}: listen on addresses of that family only; empty for both
     * @param nattPort   {@code -P}: the NAT-T port of the sockets opened where racoon.conf names none
     * @param verbose    {@code -v}: the log's info lines on stderr too when it goes to a file or syslog
     * @param crypto     {@code --crypto}: who computes DH and RSA
     * @param limits     {@code --limit}: what unauthenticated senders may cost the engine
     */
    record Options(Path configFile, int isakmpPort, int debug, Path logFile, boolean dryRun, boolean daemonised,
            Path exportKeys, boolean logLocation, Optional<KernelBackends.Backend> backend,
            Optional<StandardProtocolFamily> family, int nattPort, boolean verbose, CryptoProviders.Choice crypto,
            Limits limits) {
    }

    /** A configuration mapped onto what the daemon runs with. */
    private record Prepared(Daemon.Settings settings, int remotes, int sainfos, List<String> warnings) {
    }

    private final Options options;
    private final LoadedConfig loaded;
    private final PrintWriter err;
    private Daemon daemon;
    private Daemon.Settings running;
    /** Chosen once, before the first configuration is prepared; a reload keeps it. */
    private CryptoProviders.Selection crypto;

    DaemonLauncher(Options options, LoadedConfig loaded, PrintWriter err) {
        this.options = options;
        this.loaded = loaded;
        this.err = err;
    }

    /** The pid file: {@code path pidfile}, relative to /var/run, else racoon's /var/run/racoon.pid. */
    static Path pidFile(RacoonConf conf) {
        return VARRUN.resolve(conf.paths().pidFile().orElse("racoon.pid"));
    }

    /**
     * Everything that can refuse the configuration, short of opening sockets: run by the
     * parent before it detaches, so that a bad start is reported where it was asked for.
     *
     * @return whether the daemon may start; the warnings or the refusal are printed
     */
    boolean check() {
        try {
            Prepared prepared = prepare(loaded);
            prepared.warnings().forEach(err::println);
            err.flush();
            return true;
        } catch (UnsupportedConfigException | PskException | IOException | UnsupportedOperationException e) {
            refuse(e.getMessage());
            return false;
        }
    }

    int run() {
        RacoonConf conf = loaded.config();
        int verbosity = verbosity(conf.logLevel()) + options.debug();
        LogSetup.configure(verbosity, options.logFile(), options.daemonised() && options.logFile() == null,
                options.logLocation(), options.verbose());
        Prepared prepared;
        try {
            prepared = prepare(loaded);
        } catch (UnsupportedConfigException | PskException | IOException | UnsupportedOperationException e) {
            return refuse(e.getMessage());
        }
        CFG.info("crypto: {}", crypto.description());
        if (!options.daemonised()) {
            prepared.warnings().forEach(err::println);
            err.flush();
        }
        if (options.logFile() != null || options.daemonised()) {
            prepared.warnings().forEach(CFG::warn);
        }

        KernelIpsec kernel;
        try {
            kernel = options.dryRun() ? new RecordingKernel() : KernelBackends.open(options.backend());
        } catch (IOException e) {
            return refuse("cannot open the kernel's IPsec interface: " + e.getMessage());
        }
        String kernelName = options.dryRun() ? " (dry run)"
                : kernel instanceof XfrmKernel ? " (kernel: XFRM)" : " (kernel: PF_KEY)";
        KeyExport keys = null;
        if (options.exportKeys() != null) {
            try {
                keys = KeyExport.open(options.exportKeys());
            } catch (IOException e) {
                kernel.close();
                return refuse(e.getMessage());
            }
            kernel = new ExportingKernel(kernel, keys);
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        try {
            daemon = Daemon.start(kernel, prepared.settings(), crypto.provider(), options.limits());
        } catch (IOException e) {
            return refuse(e.getMessage());
        }
        running = prepared.settings();
        if (keys != null) {
            keys.follow(daemon);
        }
        AdminSocket admin;
        try {
            admin = openAdminSocket(conf.listen().adminSocket());
        } catch (IOException e) {
            daemon.close();
            return refuse(e.getMessage());
        }
        Path pidFile = pidFile(conf);
        if (options.daemonised()) {
            try {
                // written last: the parent takes it as the sign that the daemon is up
                Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
            } catch (IOException e) {
                close(admin);
                return refuse("cannot write the pid file " + pidFile + ": " + e.getMessage());
            }
        }
        Signal.handle(new Signal("HUP"), s -> reloadOnSignal());
        CFG.info("racoon started{}: {} remote(s), {} sainfo(s), listening on {}", kernelName,
                prepared.remotes(), prepared.sainfos(), daemon.localAddresses());
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CFG.info("racoon stopping");
        try {
            CFG.info("deleted {} ISAKMP SA(s) with their IPsec SAs", daemon.deleteNegotiatedSas());
        } catch (IOException e) {
            CFG.warn("SAs not deleted: {}", e.getMessage());
        }
        close(admin);
        if (options.daemonised()) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                CFG.warn("cannot remove {}: {}", pidFile, e.getMessage());
            }
        }
        return RacoonMain.EXIT_OK;
    }

    private AdminSocket openAdminSocket(RacoonConf.AdminSocket socket) throws IOException {
        if (socket.path().isEmpty()) {
            CFG.info("admin socket disabled");
            return null;
        }
        return AdminSocket.open(Path.of(socket.path().get()), socket.owner(), socket.group(), socket.mode(),
                new AdminCommands(daemon, this, InstantSource.system(), ZoneId.systemDefault()));
    }

    private void close(AdminSocket admin) {
        if (admin != null) {
            admin.close();
        }
        daemon.close();
    }

    private void reloadOnSignal() {
        try {
            reload();
        } catch (AdminException e) {
            // reload() logged the one line already
        }
    }

    /**
     * Reads the configuration file again and, if it is usable, runs new negotiations by it
     * (SIGHUP, racoonctl reload-config). A refused file is one error line; the running
     * configuration stays.
     */
    @Override
    public synchronized String reload() throws AdminException {
        Path file = options.configFile();
        LoadedConfig next;
        Prepared prepared;
        try {
            next = ConfigLoader.load(file);
            prepared = prepare(next);
        } catch (ConfigException e) {
            String first = e.diagnostics().isEmpty() ? e.getMessage() : e.diagnostics().get(0).toString();
            int more = e.diagnostics().size() - 1;
            throw refusedReload(first + (more > 0 ? " (and " + more + " more)" : ""));
        } catch (UnsupportedConfigException | PskException | IOException e) {
            throw refusedReload(e.getMessage());
        }
        try {
            daemon.reconfigure(prepared.settings());
        } catch (IOException e) {
            throw refusedReload(e.getMessage());
        }
        prepared.warnings().forEach(CFG::warn);
        if (!prepared.settings().listen().equals(running.listen())) {
            CFG.warn("{}: listen addresses changed; they take effect when racoon restarts", file);
        }
        running = prepared.settings();
        String line = "reloaded " + file + ": " + prepared.remotes() + " remote(s), " + prepared.sainfos() + " sainfo(s)";
        CFG.info(line);
        return line;
    }

    private AdminException refusedReload(String reason) {
        String line = "reload of " + options.configFile() + " refused, the running configuration stays: " + reason;
        CFG.error(line);
        return new AdminException(line);
    }

    /**
     * @throws UnsupportedOperationException {@code --crypto openssl} without a usable libcrypto 3
     */
    private Prepared prepare(LoadedConfig config) throws UnsupportedConfigException, PskException, IOException {
        if (crypto == null) {
            try {
                crypto = CryptoProviders.select(options.crypto());
            } catch (UnsupportedOperationException e) {
                throw new UnsupportedOperationException("--crypto openssl: " + e.getMessage(), e);
            }
        }
        NegotiatorConfig negotiator = NegotiatorConfig.load(config, options.configFile(), crypto.provider());
        ConfigMapping.Mapped mapped = negotiator.mapped();
        Daemon.Settings settings = new Daemon.Settings(mapped.policies(), negotiator.authenticators(), mapped.padding(),
                listen(config.config().listen(), usesNatTraversal(mapped.policies())),
                options.dryRun() ? System.out : null, mapped.scripts());
        return new Prepared(settings, mapped.policies().remotes().size(), mapped.policies().phase2().size(),
                mapped.warnings());
    }

    private int refuse(String line) {
        err.println("racoon: " + line);
        err.println("racoon: " + options.configFile() + ": not started");
        err.flush();
        if (options.logFile() != null || options.daemonised()) {
            CFG.error(line);
        }
        return RacoonMain.EXIT_FAILURE;
    }

    private static boolean usesNatTraversal(Policies policies) {
        return policies.remotes().stream().anyMatch(r -> r.natTraversal() != NatTraversal.OFF);
    }

    /**
     * racoon's {@code listen { isakmp ADDR [PORT]; isakmp_natt ADDR [PORT]; }}, or without them
     * every local address on {@code -p}'s port, and on {@code -P}'s when a remote may use NAT-T
     * (racoon's default); of {@code -4}'s or {@code -6}'s family only. IPv6 link-local addresses
     * are left out: they need a scope to be bound, and IKE peers are not reached over them.
     */
    private List<UdpTransport.Endpoint> listen(RacoonConf.Listen listen, boolean natT) throws IOException {
        List<UdpTransport.Endpoint> endpoints = new ArrayList<>();
        for (var e : listen.isakmp()) {
            endpoints.add(new UdpTransport.Endpoint(new InetSocketAddress(e.address().address(), e.port()), false));
        }
        for (var e : listen.isakmpNatt()) {
            endpoints.add(new UdpTransport.Endpoint(new InetSocketAddress(e.address().address(), e.port()), true));
        }
        if (endpoints.isEmpty()) {
            endpoints = allLocalAddresses(natT);
        }
        List<UdpTransport.Endpoint> ofFamily = endpoints.stream()
                .filter(e -> options.family().map(f -> f == family(e.address().getAddress())).orElse(true)).toList();
        if (ofFamily.isEmpty()) {
            throw new IOException(endpoints.isEmpty() ? "no local address to listen on"
                    : "no " + (options.family().get() == StandardProtocolFamily.INET ? "IPv4 address (-4)"
                            : "IPv6 address (-6)") + " to listen on among " + endpoints.stream()
                                    .map(e -> e.address().toString()).toList());
        }
        return ofFamily;
    }

    private List<UdpTransport.Endpoint> allLocalAddresses(boolean natT) throws IOException {
        List<UdpTransport.Endpoint> endpoints = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet6Address && a.isLinkLocalAddress()) {
                        continue;
                    }
                    endpoints.add(new UdpTransport.Endpoint(new InetSocketAddress(a, options.isakmpPort()), false));
                    if (natT) {
                        endpoints.add(new UdpTransport.Endpoint(new InetSocketAddress(a, options.nattPort()), true));
                    }
                }
            }
        } catch (SocketException e) {
            throw new IOException("cannot list the local addresses: " + e.getMessage(), e);
        }
        return endpoints;
    }

    private static StandardProtocolFamily family(InetAddress address) {
        return address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /** racoon.conf's {@code log} level as LogSetup counts it: debug adds one step, debug2 two. */
    private static int verbosity(RacoonConf.LogLevel level) {
        return switch (level) {
            case DEBUG -> 1;
            case DEBUG2 -> 2;
            default -> 0;
        };
    }
}
