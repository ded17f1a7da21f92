package org.jracoon.daemon;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code racoon(8)}: the IKEv1 key-negotiation daemon's command line. */
@Command(name = "racoon", mixinStandardHelpOptions = true, versionProvider = RacoonMain.Version.class,
        description = "IKEv1 key-negotiation daemon, compatible with racoon(8) of ipsec-tools.")
public final class RacoonMain implements Callable<Integer> {

    @Option(names = "-f", paramLabel = "FILE", description = "configuration file (default: ${DEFAULT-VALUE})")
    String configFile = "/etc/racoon/racoon.conf";

    @Override
    public Integer call() {
        System.err.println("racoon: the negotiation daemon is not built yet; see the issue tracker");
        return 1;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RacoonMain()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RacoonMain.class.getPackage().getImplementationVersion();
            return new String[] {"jracoon " + (v == null ? "development build" : v)};
        }
    }
}
