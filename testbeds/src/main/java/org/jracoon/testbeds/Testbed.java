package org.jracoon.testbeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's network, up in the kernel: one namespace per host, the veth links, routes,
 * forwarding and masquerading, then each host's setkey script (not on a host charon runs: it
 * installs its own policies). {@link #close()} deletes every namespace made,
 * whatever happened in between, which also removes their devices, SAs and policies.
 */
final class Testbed implements AutoCloseable {
    private final Shell shell;
    private final List<String> namespaces = new ArrayList<>();

    private Testbed(Shell shell) {
        this.shell = shell;
    }

    /**
     * Brings {@code scenario} up; each host's setup output is kept in {@code work/HOST.log}. On
     * failure what was made is torn down before the exception leaves.
     */
    static Testbed up(Scenario scenario, Scenario.Peer peer, Shell shell, Path work) throws ScenarioException {
        Testbed bed = new Testbed(shell);
        try {
            bed.build(scenario, peer, work);
            return bed;
        } catch (ScenarioException | RuntimeException e) {
            bed.close();
            throw e;
        }
    }

    private void build(Scenario scenario, Scenario.Peer peer, Path work) throws ScenarioException {
        for (Scenario.Host host : scenario.hosts()) {
            shell.ok("ip netns add " + host.name());
            namespaces.add(host.name());
            shell.ok("ip -n " + host.name() + " link set lo up");
        }
        for (Scenario.Link link : scenario.links()) {
            Scenario.End a = link.a();
            Scenario.End b = link.b();
            shell.ok("ip link add " + a.device() + " netns " + a.host() + " type veth peer name " + b.device()
                    + " netns " + b.host());
            for (Scenario.End end : List.of(a, b)) {
                shell.ok("ip -n " + end.host() + " addr add " + end.cidr() + " dev " + end.device()
                        + " && ip -n " + end.host() + " link set " + end.device() + " up");
            }
        }
        for (Scenario.Host host : scenario.hosts()) {
            for (String route : host.routes()) {
                shell.ok("ip -n " + host.name() + " route add " + route);
            }
            if (host.forward()) {
                shell.ok("ip netns exec " + host.name() + " sysctl -qw net.ipv4.ip_forward=1");
            }
            if (!host.masquerade().isEmpty()) {
                // the test kernel has no nftables for IPv4: the legacy x_tables NAT
                shell.ok("ip netns exec " + host.name() + " iptables-legacy -t nat -A POSTROUTING -o "
                        + host.masquerade() + " -j MASQUERADE");
            }
        }
        for (Scenario.Host host : scenario.hosts()) {
            if (!host.setkey().isEmpty() && !host.charon(peer)) {
                setkey(scenario, host, work);
            }
        }
    }

    /** Runs the host's script in its namespace from the scenario folder, as the guide runs it by hand. */
    private void setkey(Scenario scenario, Scenario.Host host, Path work) throws ScenarioException {
        String script = "cd " + scenario.dir().toAbsolutePath() + " && ip netns exec " + host.name() + " sh "
                + String.join(" ", host.setkey());
        Shell.Result r = shell.run(script);
        Path log = work.resolve(host.name() + ".log");
        try {
            Files.writeString(log, "$ " + script + "\n" + r.output());
        } catch (IOException e) {
            throw new ScenarioException(log + ": " + e.getMessage());
        }
        if (!r.ok()) {
            throw new ScenarioException(host.name() + ": " + String.join(" ", host.setkey()) + " exited "
                    + r.exitCode() + ": " + r.lastLine());
        }
    }

    List<String> hosts() {
        return List.copyOf(namespaces);
    }

    /** Runs the shell script {@code script} in {@code host}'s namespace (for --keep). */
    Shell.Result runIn(String host, Path script) throws ScenarioException {
        return shell.run("ip netns exec " + host + " sh " + script + " 2>&1");
    }

    @Override
    public void close() {
        for (String ns : namespaces) {
            try {
                shell.run("ip netns delete " + ns);
            } catch (ScenarioException e) {
                System.err.println("teardown: " + e.getMessage());
            }
        }
        namespaces.clear();
    }
}
