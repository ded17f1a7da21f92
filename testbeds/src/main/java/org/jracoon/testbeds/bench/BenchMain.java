package org.jracoon.testbeds.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.jracoon.crypto.openssl.CryptoProviders;
import org.jracoon.daemon.config.NegotiatorConfig;
import org.jracoon.daemon.config.UnsupportedConfigException;
import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.crypto.SecureRandomSource;
import org.jracoon.ike.engine.SaRequest;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.parser.conf.ConfigException;
import org.jracoon.parser.conf.ConfigLoader;
import org.jracoon.parser.psk.PskException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The benchmark's Java side, run by {@code testbeds/bench}: {@code load} drives one responder and
 * appends a row of measurements, {@code ready} times a starting responder until it answers on
 * UDP 500, {@code report} prints the table of all rows and draws the chart.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {BenchMain.LoadCommand.class, BenchMain.ReadyCommand.class, BenchMain.ReportCommand.class})
public final class BenchMain implements Callable<Integer> {

    static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: load, ready or report");
    }

    /** What the initiator's racoon.conf says, and where the responder is. */
    static final class Initiator {
        @Option(names = "--config", required = true, description = "the initiator's racoon.conf")
        Path config;
        @Option(names = "--local", required = true, description = "the address the generator sends from")
        InetAddress local;
        @Option(names = "--target", required = true, description = "the responder's address (UDP 500)")
        InetAddress target;

        /** As the daemon's {@code --crypto auto}: the generator's own signatures and DH on libcrypto when it loads. */
        final CryptoProvider crypto = CryptoProviders.auto();

        NegotiatorConfig load() throws IOException {
            return load(config);
        }

        NegotiatorConfig load(Path config) throws IOException {
            try {
                return NegotiatorConfig.load(ConfigLoader.load(config), config, crypto);
            } catch (ConfigException e) {
                throw new IOException(config + ": " + e.diagnostics().get(0));
            } catch (UnsupportedConfigException | PskException e) {
                throw new IOException(e.getMessage());
            }
        }

        /** The request every negotiation starts from: the first sainfo's traffic, tunnel mode ESP. */
        SaRequest request(NegotiatorConfig negotiator) throws IOException {
            TrafficSelector selector = negotiator.mapped().policies().phase2().stream().map(Phase2Policy::selector)
                    .flatMap(java.util.Optional::stream).findFirst()
                    .orElseThrow(() -> new IOException(config + ": needs an sainfo with addresses for Quick Mode"));
            return new SaRequest(local, target, selector, IpsecProtocol.ESP, IpsecMode.TUNNEL, 0, 0);
        }
    }

    @Command(name = "load", description = "Initiate N negotiations against a responder; append one row to --out.")
    static final class LoadCommand implements Callable<Integer> {
        @CommandLine.Mixin
        Initiator initiator = new Initiator();
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "-n", defaultValue = "2000")
        int count;
        @Option(names = "-c", defaultValue = "64", description = "negotiations in flight")
        int concurrency;
        @Option(names = "--sources", defaultValue = "1", description = "send from this many consecutive IPv4"
                + " addresses from --local on (each must be on the generator's interface)")
        int sources;
        @Option(names = "--warmup", defaultValue = "0", description = "first run this many negotiations unmeasured,"
                + " in this JVM, so that neither the responder's nor the generator's JIT compilation is measured")
        int warmup;
        @Option(names = "--self-warmup", defaultValue = "0", description = "first run this many Main Modes inside"
                + " the generator, against a responder engine of --responder-config: its JIT warms, the responder gets"
                + " nothing")
        int selfWarmup;
        @Option(names = "--responder-config", description = "the responder's racoon.conf, for --self-warmup")
        Path responderConfig;
        @Option(names = "--quick", description = "Main Mode and one Quick Mode (default: Main Mode alone)")
        boolean quick;
        @Option(names = "--pid", description = "the responder's process, for CPU and memory")
        int pid;
        @Option(names = "--jvm", description = "the responder is a JVM: its heap is read with jcmd")
        boolean jvm;
        @Option(names = "--row", required = true, description = "the row's label: MODE CASE RESPONDER RUN")
        String row;
        @Option(names = "--out", required = true)
        Path out;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (count < 1 || concurrency < 1 || sources < 1 || warmup < 0 || selfWarmup < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "-n, -c and --sources must be at least 1, --warmup and --self-warmup at least 0");
            }
            if (selfWarmup > 0 && responderConfig == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--self-warmup needs --responder-config");
            }
            NegotiatorConfig negotiator = initiator.load();
            SecureRandomSource random = new SecureRandomSource();
            if (selfWarmup > 0) {
                int done = new SelfWarmup(negotiator, initiator.load(responderConfig), initiator.local,
                        initiator.target, random, LoadGenerator.reused(initiator.crypto)).run(selfWarmup);
                spec.commandLine().getOut().printf("self-warmup: %d/%d Main Modes in this process%n", done,
                        selfWarmup);
            }
            if (warmup > 0) {
                LoadGenerator.Result warm = new LoadGenerator(load(negotiator, warmup), random, initiator.crypto).run();
                spec.commandLine().getOut().printf("warmup: %d/%d done, %d failed%n", warm.completed(), warmup,
                        warm.failed());
            }
            if (warmup > 0 || selfWarmup > 0) {
                Jit.awaitIdle(Duration.ofSeconds(20));
            }
            LoadGenerator.Load load = load(negotiator, count);
            ResponderProcess responder = pid > 0 ? new ResponderProcess(pid, jvm) : null;
            ResponderProcess.Reading before = responder == null ? null : responder.read();
            Duration generatorBefore = ownCpu();
            LoadGenerator.Result result = new LoadGenerator(load, random, initiator.crypto).run();
            long generatorMs = ownCpu().minus(generatorBefore).toMillis();
            ResponderProcess.Reading after = responder == null ? null : responder.read();
            Row measured = Row.of(row, count, result, before, after, generatorMs);
            Files.writeString(out, measured.tsv() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            PrintWriter o = spec.commandLine().getOut();
            o.println(measured.describe());
            o.flush();
            return result.failed() == 0 ? 0 : EXIT_FAILURE;
        }

        /** The load of {@code n} negotiations as the options say. */
        private LoadGenerator.Load load(NegotiatorConfig negotiator, int n) throws IOException {
            return new LoadGenerator.Load(negotiator.mapped().policies(), negotiator.authenticators(),
                    negotiator.mapped().padding(), initiator.request(negotiator), consecutive(initiator.local, sources),
                    quick, n, concurrency, Duration.ofSeconds(30));
        }
    }

    /** This process's CPU time, all threads (the generator's selector thread and the JIT's). */
    static Duration ownCpu() throws IOException {
        return ProcessHandle.current().info().totalCpuDuration()
                .orElseThrow(() -> new IOException("this system does not report the generator's CPU time"));
    }

    /** {@code n} IPv4 addresses from {@code first} on: 192.168.7.101, .102, ... */
    static List<InetAddress> consecutive(InetAddress first, int n) throws IOException {
        byte[] a = first.getAddress();
        if (a.length != 4) {
            throw new IOException("--sources needs an IPv4 --local, not " + first.getHostAddress());
        }
        int base = ByteBuffer.wrap(a).getInt();
        if (Integer.toUnsignedLong(base) + n - 1 > 0xFFFFFFFFL) {
            throw new IOException(n + " addresses from " + first.getHostAddress() + " run past 255.255.255.255");
        }
        List<InetAddress> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(base + i).array()));
        }
        return all;
    }

    @Command(name = "ready", description = "Start a responder and send it MM1 until it answers; print the time.")
    static final class ReadyCommand implements Callable<Integer> {
        @CommandLine.Mixin
        Initiator initiator = new Initiator();
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--jvm", description = "the responder is a JVM: its heap is read with jcmd")
        boolean jvm;
        @Option(names = "--log", required = true, description = "where the responder's output goes")
        Path log;
        @Option(names = "--pid-file", required = true, description = "where the responder's process id is written")
        Path pidFile;
        @Option(names = "--row", description = "record the figures under this label: RESPONDER RUN")
        String row;
        @Option(names = "--wait", defaultValue = "30", description = "seconds to wait for the first answer")
        int waitSeconds;
        @Option(names = "--out", description = "results.tsv to append the start-up row to")
        Path out;
        @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "starts the responder (it must exec, "
                + "so that its process id is the responder's)")
        List<String> command;

        @Override
        public Integer call() throws IOException, InterruptedException {
            NegotiatorConfig negotiator = initiator.load();
            byte[] mm1 = FirstMessage.of(negotiator, initiator.request(negotiator));
            long answered = -1;
            try (DatagramChannel channel = DatagramChannel.open()) {
                channel.bind(new InetSocketAddress(initiator.local, 0));
                channel.configureBlocking(false);
                InetSocketAddress target = new InetSocketAddress(initiator.target, 500);
                ByteBuffer in = ByteBuffer.allocate(65536);
                long start = System.nanoTime();
                Process responder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                Files.writeString(pidFile, responder.pid() + "\n");
                long deadline = start + waitSeconds * 1_000_000_000L;
                while (answered < 0 && System.nanoTime() < deadline && responder.isAlive()) {
                    channel.send(ByteBuffer.wrap(mm1), target);
                    Thread.sleep(2);
                    if (channel.receive(in) != null) {
                        answered = (System.nanoTime() - start) / 1_000_000;
                    }
                }
                if (answered < 0) {
                    spec.commandLine().getErr().println("bench: no answer from " + initiator.target + " in "
                            + waitSeconds + " s"
                            + (responder.isAlive() ? "" : " (the responder exited; see " + log + ")"));
                    return EXIT_FAILURE;
                }
                ResponderProcess.Reading idle = new ResponderProcess(responder.pid(), jvm).read();
                if (row != null && out != null) {
                    Files.writeString(out, String.format(Locale.ROOT, "startup\t%s\t%d\t%d\t%d%n",
                            row.trim().replaceAll("\\s+", "\t"), answered, idle.rssKb(), idle.heapKb()),
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                spec.commandLine().getOut().printf("responder %d answered on UDP 500 %d ms after start (%d ms CPU),"
                        + " idle RSS %d KiB, heap %s%n", responder.pid(), answered, idle.cpuMs(), idle.rssKb(),
                        idle.heapKb() < 0 ? "-" : idle.heapKb() + " KiB");
                return 0;
            }
        }
    }

    @Command(name = "report", description = "Print the table of a results file and draw its chart.")
    static final class ReportCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", description = "results.tsv")
        Path results;
        @Parameters(index = "1", description = "the chart to write (PNG)")
        Path chart;

        @Override
        public Integer call() throws IOException {
            List<String> lines = Files.readAllLines(results);
            Report report = Report.parse(lines);
            PrintWriter o = spec.commandLine().getOut();
            o.print(report.table());
            report.chart(chart);
            o.println("chart: " + chart);
            o.flush();
            return 0;
        }
    }

    /** One line on every error, as the other commands do. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BenchMain());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("bench: " + (e instanceof IOException ? e.getMessage() : e.toString()));
            return EXIT_FAILURE;
        });
        return cl;
    }

    public static void main(String[] args) {
        // the generator's engines would log every step of every negotiation: only problems
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        System.exit(commandLine().execute(args));
    }
}
