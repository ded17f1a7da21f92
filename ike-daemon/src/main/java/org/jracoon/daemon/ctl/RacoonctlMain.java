package org.jracoon.daemon.ctl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jracoon.daemon.CommandLines;
import org.jracoon.parser.conf.RacoonConf;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code racoonctl(8)}: asks a running racoon, over its admin socket, for SA listings, deletes,
 * negotiations, a reload and its events. Commands and their shortcuts are racoonctl's; the
 * socket protocol is jracoon's own line protocol (see org.jracoon.daemon.admin.AdminSocket).
 */
@Command(name = "racoonctl", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
        description = "Control a running racoon (jracoon) through its admin socket.",
        footer = {"", "<saopts>: isakmp inet|inet6 SRC DST",
            "          esp|ah inet|inet6 SRC[/PREFIX][[PORT]] DST[/PREFIX][[PORT]] [icmp|tcp|udp|gre|any]"})
public final class RacoonctlMain {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "-s", paramLabel = "SOCKET", description = "the admin socket (default: ${DEFAULT-VALUE})")
    Path socket = Path.of(RacoonConf.AdminSocket.DEFAULT.path().orElseThrow());

    @Option(names = "-l", description = "longer output (show-sa isakmp: source, side and phase-2 count)")
    boolean[] longer = new boolean[0];

    @Option(names = "-d", description = "print the request sent to the daemon")
    boolean debug;

    @Command(name = "reload-config", aliases = "rc", description = "re-read racoon.conf (a bad one is refused and the running one kept)")
    int reloadConfig() {
        return request("reload-config");
    }

    @Command(name = "show-sa", aliases = "ss", description = "list SAs: isakmp, esp, ah or ipsec")
    int showSa(@Parameters(paramLabel = "PROTOCOL") String protocol) {
        return request("show-sa " + protocol + (longer.length > 0 && protocol.equals("isakmp") ? " long" : ""));
    }

    @Command(name = "flush-sa", aliases = "fs",
            description = "delete every SA of isakmp, esp, ah or ipsec that racoon negotiated, telling the peers")
    int flushSa(@Parameters(paramLabel = "PROTOCOL") String protocol) {
        return request("flush-sa " + protocol);
    }

    @Command(name = "delete-sa", aliases = "ds", description = "delete the SAs <saopts> name, telling the peer")
    int deleteSa(@Parameters(paramLabel = "SAOPTS", arity = "4..5") List<String> saopts) {
        return request("delete-sa " + String.join(" ", saopts));
    }

    @Command(name = "establish-sa", aliases = "es",
            description = "negotiate the SAs <saopts> name (esp|ah: for the outbound policy with that selector)")
    int establishSa(@Option(names = "-w", description = "wait until the SA is up, or say why it failed") boolean wait,
            @Parameters(paramLabel = "SAOPTS", arity = "4..5") List<String> saopts) {
        return request("establish-sa " + (wait ? "-w " : "") + String.join(" ", saopts));
    }

    @Command(name = "vpn-connect", aliases = "vc", description = "negotiate an ISAKMP SA with the gateway and wait for it")
    int vpnConnect(@Parameters(paramLabel = "GATEWAY") String gateway) {
        InetAddress peer;
        InetAddress source;
        try {
            peer = InetAddress.getByName(gateway);
            // the source the kernel would route from, as racoonctl finds it (getlocaladdr)
            try (DatagramSocket probe = new DatagramSocket()) {
                probe.connect(new InetSocketAddress(peer, 4500));
                source = probe.getLocalAddress();
            }
        } catch (UnknownHostException e) {
            return fail("cannot resolve " + gateway);
        } catch (SocketException e) {
            return fail("no route to " + gateway + ": " + e.getMessage());
        }
        return request("vpn-connect " + source.getHostAddress() + " " + peer.getHostAddress());
    }

    @Command(name = "vpn-disconnect", aliases = "vd", description = "delete every SA with the gateway, telling it")
    int vpnDisconnect(@Parameters(paramLabel = "GATEWAY") String gateway) {
        try {
            return request("vpn-disconnect " + InetAddress.getByName(gateway).getHostAddress());
        } catch (UnknownHostException e) {
            return fail("cannot resolve " + gateway);
        }
    }

    @Command(name = "show-event", aliases = "se", description = "print racoon's events as they happen, until interrupted")
    int showEvent() {
        return request("show-event");
    }

    /** Sends one request line and prints the reply: output to stdout, an error line to stderr. */
    private int request(String line) {
        PrintWriter out = spec.commandLine().getOut();
        if (debug) {
            spec.commandLine().getErr().println("racoonctl: sending \"" + line + "\"");
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            for (String reply = in.readLine(); reply != null; reply = in.readLine()) {
                if (reply.startsWith("| ")) {
                    out.println(reply.substring(2));
                    out.flush();
                } else if (reply.equals("ok")) {
                    return EXIT_OK;
                } else if (reply.startsWith("error: ")) {
                    out.flush();
                    return fail(reply.substring("error: ".length()));
                } else {
                    return fail("unexpected answer from " + socket + ": " + reply);
                }
            }
            return fail("racoon closed " + socket + " without an answer (stopping?)");
        } catch (IOException e) {
            if (!Files.exists(socket)) {
                return fail("cannot connect to " + socket + ": no such socket (is racoon running, with adminsock on?)");
            }
            return fail("cannot talk to racoon on " + socket + ": " + e.getMessage());
        }
    }

    private int fail(String line) {
        spec.commandLine().getErr().println("racoonctl: " + line);
        spec.commandLine().getErr().flush();
        return EXIT_FAILURE;
    }

    /** The command line: racoonctl's words, one line on bad input, never a stack trace. */
    public static CommandLine commandLine() {
        return CommandLines.of(new RacoonctlMain(), "racoonctl");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
