package org.jracoon.setkey;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.jracoon.parser.setkey.ProtocolNames;
import org.jracoon.pfkey.KernelBackends;
import org.jracoon.pfkey.PfKeyClient;
import org.jracoon.pfkey.message.Sadb;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;
import org.jracoon.parser.setkey.SetkeyReader;
import org.jracoon.parser.setkey.SetkeySyntaxException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code setkey}: manipulates the kernel's SA and policy databases over PF_KEY or, on a kernel
 * without AF_KEY, over XFRM netlink ({@code --kernel}), reading the KAME
 * setkey language (setkey(8) of ipsec-tools). Flags may be clustered as setkey's are
 * ({@code -DP}, {@code -FP}).
 */
@Command(name = "setkey", sortOptions = false, usageHelpAutoWidth = true,
        description = "Manually manipulate the IPsec SA/SP database.")
public final class SetkeyMain implements Callable<Integer> {
    @Option(names = "-c", description = "Read directives from standard input.")
    private boolean stdin;

    @Option(names = "-f", paramLabel = "FILE", description = "Read directives from FILE (- for standard input).")
    private String file;

    @Option(names = "-D", description = "Dump the SAD entries (with -P: the SPD entries).")
    private boolean dump;

    @Option(names = "-F", description = "Flush the SAD entries (with -P: the SPD entries).")
    private boolean flush;

    @Option(names = "-P", description = "With -D or -F: work on the SPD instead of the SAD.")
    private boolean policies;

    @Option(names = "-a", description = "With -D: also show dead SAs.")
    private boolean all;

    @Option(names = "-x", description = "Watch: print every PF_KEY message the kernel sends.")
    private boolean watch;

    @Option(names = "-v", description = "Print the PF_KEY messages sent and received.")
    private boolean verbose;

    @Option(names = "-n", description = "Only read and check the directives; send nothing to the kernel.")
    private boolean parseOnly;

    @Option(names = "--kernel", paramLabel = KernelBackends.OPTION_VALUES, defaultValue = "auto",
            description = "The kernel interface: PF_KEY when the kernel has AF_KEY, else XFRM netlink (auto, the"
                    + " default), or the one named. Both give the same -D and -DP text.")
    private String kernel;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    private boolean help;

    /** setkey -x stamps each message with the local time of day, to the microsecond. */
    private static final DateTimeFormatter WATCH_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    SetkeyMain(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new SetkeyMain(in, out, err)).setPosixClusteredShortOptionsAllowed(true);
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setOut(new java.io.PrintWriter(out, true));
        // setkey exits 1 on a usage error, as on any other
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("setkey: " + e.getMessage());
            e.getCommandLine().usage(err);
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        int modes = (stdin ? 1 : 0) + (file != null ? 1 : 0) + (dump ? 1 : 0) + (flush ? 1 : 0) + (watch ? 1 : 0);
        if (modes != 1) {
            err.println("setkey: give one of -c, -f FILE, -D, -F, -x");
            return 1;
        }
        String input;
        try {
            input = stdin || "-".equals(file) ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    : file != null ? Files.readString(Path.of(file)) : null;
        } catch (NoSuchFileException e) {
            err.println("setkey: Can't open `" + file + "': No such file or directory");
            return 1;
        } catch (IOException e) {
            err.println("setkey: " + (file == null ? "<stdin>" : file) + ": " + e.getMessage());
            return 1;
        }
        Optional<KernelBackends.Backend> backend;
        try {
            backend = KernelBackends.choice(kernel);
        } catch (IllegalArgumentException e) {
            err.println("setkey: " + e.getMessage());
            return 1;
        }
        SetkeyReader reader = SetkeyReader.withSystemProtocols();
        if (input != null && parseOnly) {
            try {
                reader.read(input);
                return 0;
            } catch (SetkeySyntaxException e) {
                err.println(e.getMessage());
                return 1;
            }
        }
        if (watch) {
            return watch(backend);
        }
        try (KernelChannel kernelChannel = KernelChannel.open(backend)) {
            KernelChannel channel = verbose ? new VerboseChannel(kernelChannel, out) : kernelChannel;
            KameDump printer = new KameDump(ProtocolNames.system(), ZoneId.systemDefault());
            SetkeyRunner runner = new SetkeyRunner(channel, printer, out, err, Clock.systemUTC(), all);
            if (dump) {
                if (policies) {
                    runner.dumpSpd();
                } else {
                    runner.dumpSad(Sadb.SATYPE_UNSPEC);
                }
                return 0;
            }
            if (flush) {
                runner.flush(policies);
                return 0;
            }
            reader.read(input, directive -> {
                try {
                    runner.run(directive);
                } catch (IOException e) {
                    throw new SetkeyException("setkey: " + e.getMessage());
                }
            });
            return runner.failures() == 0 ? 0 : 1;
        } catch (SetkeySyntaxException | SetkeyException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("setkey: " + e.getMessage());
            return 1;
        }
    }

    /**
     * {@code setkey -x}: X_PROMISC makes the kernel copy every PF_KEY message to this socket;
     * each is printed as it comes, until the process is stopped. XFRM has no such copy of PF_KEY
     * traffic, so this needs AF_KEY.
     */
    private int watch(Optional<KernelBackends.Backend> backend) {
        if (backend.equals(Optional.of(KernelBackends.Backend.XFRM))) {
            err.println("setkey: -x shows PF_KEY messages and needs the pfkey interface, not xfrm");
            return 1;
        }
        KameDump printer = new KameDump(ProtocolNames.system(), ZoneId.systemDefault());
        try (PfKeyClient client = PfKeyClient.open()) {
            client.addListener(m -> {
                synchronized (out) {
                    out.println(WATCH_TIME.format(LocalTime.now()));
                    out.println(printer.message(m, Clock.systemUTC().instant()));
                    out.flush();
                }
            });
            client.call(SadbMessage.request(SadbMessageType.X_PROMISC, 1, List.of()));
            new CountDownLatch(1).await();
            return 0;
        } catch (IOException e) {
            err.println("setkey: -x needs PF_KEY: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
