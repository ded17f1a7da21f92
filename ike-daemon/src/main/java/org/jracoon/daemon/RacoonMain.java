package org.jracoon.daemon;

import org.jracoon.crypto.openssl.CryptoProviders;
import org.jracoon.ike.engine.Limits;
import org.jracoon.parser.conf.ConfigException;
import org.jracoon.parser.conf.ConfigLoader;
import org.jracoon.parser.conf.ConfigPrinter;
import org.jracoon.parser.conf.Diagnostic;
import org.jracoon.parser.conf.LoadedConfig;
import org.jracoon.pfkey.KernelBackends;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code racoon(8)}: the IKEv1 key-negotiation daemon's command line. */
@Command(name = "racoon", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
        sortOptions = false,
        description = "IKEv1 key-negotiation daemon, compatible with racoon(8) of ipsec-tools.")
public final class RacoonMain implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = CommandLines.EXIT_FAILURE;

    @Spec
    CommandSpec spec;

    @Option(names = "-f", paramLabel = "FILE", description = "configuration file (default: ${DEFAULT-VALUE})")
    Path configFile = Path.of("/etc/racoon/racoon.conf");

    @Option(names = "-F", description = "run in the foreground, logging to stderr (else: detach, write the pid file, log to syslog)")
    boolean foreground;

    @Option(names = "-d", description = "raise the log level by one (repeatable)")
    boolean[] debug = new boolean[0];

    @Option(names = "-v", description = "also print the log's info, warning and error lines on stderr when it goes"
            + " to -l's file or to syslog")
    boolean verbose;

    @Option(names = "-l", paramLabel = "LOGFILE", description = "log to this file instead of syslog or stderr")
    Path logFile;

    @Option(names = "-L", description = "add the source location to every log message")
    boolean logLocation;

    @Option(names = "-p", paramLabel = "PORT", description = "IKE port to listen on when racoon.conf's listen names no"
            + " address (default: ${DEFAULT-VALUE}; an initiator still sends from 500)")
    int isakmpPort = 500;

    @Option(names = "-P", paramLabel = "PORT", description = "NAT-T port to listen on when racoon.conf's listen names no"
            + " address (default: ${DEFAULT-VALUE}; an initiator still floats to 4500)")
    int nattPort = 4500;

    @Option(names = "-4", description = "listen, and so negotiate, on IPv4 addresses only")
    boolean inet4;

    @Option(names = "-6", description = "listen, and so negotiate, on IPv6 addresses only")
    boolean inet6;

    @Option(names = "-C", description = "print the parsed configuration (racoon's undocumented -C; same as --dump-config)")
    boolean dumpParsed;

    @Option(names = "--check-config", description = "check the configuration file and the files it names, print a summary, exit")
    boolean checkConfig;

    @Option(names = "--dump-config", description = "print the effective configuration, defaults filled in, in racoon.conf syntax, exit")
    boolean dumpConfig;

    @Option(names = "--dry-run", description = "negotiate, but keep SAs in memory and print those that would be installed")
    boolean dryRun;

    @Option(names = "--kernel", paramLabel = KernelBackends.OPTION_VALUES, defaultValue = "auto",
            description = "kernel interface: PF_KEY when the kernel has AF_KEY, else XFRM netlink (auto, the default), "
                    + "or the one named")
    String kernel;

    @Option(names = "--crypto", paramLabel = CryptoProviders.OPTION_VALUES, defaultValue = "auto",
            description = "who computes DH and RSA: the machine's OpenSSL libcrypto 3 when it loads, else Java (auto, "
                    + "the default), or the one named")
    String crypto;

    @Option(names = "--export-keys", paramLabel = "FILE",
            description = "append every negotiated SA's keys to FILE in Wireshark's formats, one tshark -o argument a line (off by default)")
    Path exportKeys;

    @Option(names = "--limit", paramLabel = "NAME=VALUE", description = {
            "what unauthenticated peers may cost (repeatable):",
            "half-open=N: half-open SAs in all (1024)",
            "half-open-per-address=N: same, per address (10)",
            "mm1-bytes=N: longest MM1 that makes state (8192)",
            "notify-interval=S: s between notifies per IP (1)",
            "notify-peers=N: addresses throttled (4096)",
            "drop-report=S: s between drop counts (10)"})
    Map<String, String> limits = new LinkedHashMap<>();

    /** Set by the parent on the detached child it starts: the child writes the pid file and logs to syslog. */
    @Option(names = "--detached", hidden = true)
    boolean detached;

    @Override
    public Integer call() {
        checkPort("-p", isakmpPort);
        Optional<KernelBackends.Backend> backend;
        try {
            backend = KernelBackends.choice(kernel);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kernel: " + e.getMessage());
        }
        CryptoProviders.Choice cryptoChoice;
        try {
            cryptoChoice = CryptoProviders.Choice.parse(crypto);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--crypto: " + e.getMessage());
        }
        checkPort("-P", nattPort);
        Limits engineLimits;
        try {
            engineLimits = LimitOption.limits(limits);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit: " + e.getMessage());
        }
        if (inet4 && inet6) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-4 and -6 exclude each other");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            e.diagnostics().forEach(err::println);
            err.println("racoon: " + configFile + ": configuration rejected");
            return EXIT_FAILURE;
        }
        List<Diagnostic> warnings = new ArrayList<>(loaded.warnings());
        warnings.addAll(ConfigCheck.fileWarnings(loaded));
        if (!detached) {
            warnings.forEach(err::println);
        }
        if (!checkConfig && !dumpConfig && !dumpParsed) {
            err.flush();
            DaemonLauncher launcher = new DaemonLauncher(new DaemonLauncher.Options(configFile, isakmpPort,
                    debug.length, logFile, dryRun, detached, exportKeys, logLocation, backend, family(), nattPort,
                    verbose, cryptoChoice, engineLimits), loaded, err);
            if (foreground || detached) {
                return launcher.run();
            }
            if (!launcher.check()) {
                return EXIT_FAILURE;
            }
            return Detach.start(spec.commandLine().getParseResult().originalArgs(),
                    DaemonLauncher.pidFile(loaded.config()), err);
        }
        if (dumpConfig || dumpParsed) {
            out.print(ConfigPrinter.print(loaded.config()));
        }
        if (checkConfig) {
            out.println(ConfigCheck.summary(configFile.toString(), loaded.config(), warnings.size()));
        }
        out.flush();
        err.flush();
        return EXIT_OK;
    }

    private Optional<StandardProtocolFamily> family() {
        return inet4 ? Optional.of(StandardProtocolFamily.INET)
                : inet6 ? Optional.of(StandardProtocolFamily.INET6) : Optional.empty();
    }

    private void checkPort(String option, int port) {
        if (port < 1 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + ": port " + port + " is out of range (1 to 65535)");
        }
    }

    /** The command line with racoon's conventions: one line on bad input, never a stack trace. */
    static CommandLine commandLine() {
        return CommandLines.of(new RacoonMain(), "racoon");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
