package org.jracoon.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.jracoon.daemon.auth.ConfiguredAuthenticators;
import org.jracoon.daemon.config.ConfigMapping;
import org.jracoon.daemon.config.PskFileKeys;
import org.jracoon.daemon.config.UnsupportedConfigException;
import org.jracoon.daemon.log.LogSetup;
import org.jracoon.daemon.net.UdpTransport;
import org.jracoon.daemon.runtime.Daemon;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.PreSharedKeys;
import org.jracoon.parser.conf.FileReference;
import org.jracoon.parser.conf.LoadedConfig;
import org.jracoon.parser.conf.RacoonConf;
import org.jracoon.parser.psk.PskException;
import org.jracoon.pfkey.PfKeyKernel;
import org.jracoon.pfkey.recording.RecordingKernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Starts the daemon from a loaded configuration and keeps it running until SIGTERM or SIGINT.
 * Everything that stops the start is one line on stderr and exit status 1.
 */
final class DaemonLauncher {

    private static final Logger CFG = LoggerFactory.getLogger("ike.cfg");

    private final Path configFile;
    private final LoadedConfig loaded;
    private final int isakmpPort;
    private final int debug;
    private final Path logFile;
    private final boolean dryRun;
    private final PrintWriter err;

    DaemonLauncher(Path configFile, LoadedConfig loaded, int isakmpPort, int debug, Path logFile, boolean dryRun,
            PrintWriter err) {
        this.configFile = configFile;
        this.loaded = loaded;
        this.isakmpPort = isakmpPort;
        this.debug = debug;
        this.logFile = logFile;
        this.dryRun = dryRun;
        this.err = err;
    }

    int run() {
        RacoonConf conf = loaded.config();
        LogSetup.configure(verbosity(conf.logLevel()) + debug, logFile);
        ConfigMapping.Mapped mapped;
        Authenticators authenticators;
        List<UdpTransport.Endpoint> listen;
        try {
            mapped = ConfigMapping.map(conf, configFile.toString());
            Optional<PreSharedKeys> keys = Optional.empty();
            if (pskFile().isPresent()) {
                keys = Optional.of(PskFileKeys.load(pskFile().get()));
            } else if (usesPreSharedKeys(mapped.policies())) {
                throw new UnsupportedConfigException(configFile
                        + ": pre_shared_key authentication needs 'path pre_shared_key'");
            }
            authenticators = ConfiguredAuthenticators.load(mapped.policies(), keys, mapped.certificateRemotes(),
                    conf.paths().certificate().map(Path::of));
            listen = listen(conf.listen());
        } catch (UnsupportedConfigException | PskException | IOException e) {
            return refuse(e.getMessage());
        }
        mapped.warnings().forEach(w -> {
            err.println(w);
            if (logFile != null) {
                CFG.warn(w);
            }
        });
        err.flush();

        KernelIpsec kernel;
        try {
            kernel = dryRun ? new RecordingKernel() : PfKeyKernel.open();
        } catch (IOException e) {
            return refuse("cannot open the kernel's PF_KEY socket: " + e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Daemon daemon;
        try {
            daemon = Daemon.start(kernel, new Daemon.Settings(mapped.policies(), authenticators, mapped.padding(),
                    listen, dryRun ? System.out : null, mapped.scripts()));
        } catch (IOException e) {
            return refuse(e.getMessage());
        }
        CFG.info("racoon started{}: {} remote(s), {} sainfo(s), listening on {}", dryRun ? " (dry run)" : "",
                mapped.policies().remotes().size(), mapped.policies().phase2().size(), daemon.localAddresses());
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CFG.info("racoon stopping");
        daemon.close();
        return RacoonMain.EXIT_OK;
    }

    private int refuse(String line) {
        err.println("racoon: " + line);
        err.println("racoon: " + configFile + ": not started");
        err.flush();
        if (logFile != null) {
            CFG.error(line);
        }
        return RacoonMain.EXIT_FAILURE;
    }

    /** The psk.txt the configuration names ({@code path pre_shared_key}), resolved as racoon does. */
    private Optional<Path> pskFile() {
        return loaded.files().stream().filter(f -> f.kind() == FileReference.Kind.PRE_SHARED_KEYS).findFirst()
                .map(f -> Path.of(f.path()));
    }

    private static boolean usesPreSharedKeys(Policies policies) {
        return policies.remotes().stream().flatMap(r -> r.proposals().stream())
                .anyMatch(p -> p.authMethod() == AuthMethod.PRE_SHARED_KEY);
    }

    /**
     * racoon's {@code listen { isakmp ADDR [PORT]; }}, or without it every local address on
     * {@code -p}'s port (racoon's default). IPv6 link-local addresses are left out: they need a
     * scope to be bound, and IKE peers are not reached over them.
     */
    private List<UdpTransport.Endpoint> listen(RacoonConf.Listen listen) throws IOException {
        List<UdpTransport.Endpoint> endpoints = new ArrayList<>();
        for (var e : listen.isakmp()) {
            endpoints.add(new UdpTransport.Endpoint(new InetSocketAddress(e.address().address(), e.port()), false));
        }
        if (!endpoints.isEmpty()) {
            return endpoints;
        }
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet6Address && a.isLinkLocalAddress()) {
                        continue;
                    }
                    endpoints.add(new UdpTransport.Endpoint(new InetSocketAddress(a, isakmpPort), false));
                }
            }
        } catch (SocketException e) {
            throw new IOException("cannot list the local addresses: " + e.getMessage(), e);
        }
        if (endpoints.isEmpty()) {
            throw new IOException("no local address to listen on");
        }
        return endpoints;
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
