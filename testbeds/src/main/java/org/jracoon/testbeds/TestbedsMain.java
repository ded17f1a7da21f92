package org.jracoon.testbeds;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code testbeds/run} inside the guest kernel: runs the named scenarios (or all) and ends with
 * a table of scenario, peer, result, setup time, negotiation time and ping round trip. {@code
 * all} runs every scenario whose hosts run daemons twice, with our daemon and with charon on the
 * far end, and skips a scenario whose scenario.ini gives a status (what it still needs), saying
 * so in the table; named explicitly such a scenario runs. Exit 0 when all that ran passed, 1 when
 * a check failed, 2 on a bad command line or scenario file.
 */
public final class TestbedsMain {
    private static final String USAGE = "usage: testbeds/run [--peer strongswan] [--keep] NAME... | all"
            + "   (scenarios: testbeds/scenarios/NAME/scenario.ini)";

    private TestbedsMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** One row of the table: a scenario with who is on its far end, run or skipped for its status. */
    private record Planned(Scenario scenario, Scenario.Peer peer, boolean skip) {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path root = Path.of(System.getProperty("jracoon.root", "")).toAbsolutePath();
        Path shared = Path.of(System.getProperty("jracoon.shared", root.resolveSibling("shared").toString()));
        Path scenarios = root.resolve("testbeds/scenarios");
        boolean keep = false;
        Scenario.Peer peer = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--keep")) {
                keep = true;
            } else if (arg.equals("--peer")) {
                if (i + 1 >= args.length || !args[i + 1].equals("strongswan")) {
                    err.println("testbeds: --peer takes 'strongswan'" + (i + 1 < args.length ? ", not " + args[i + 1] : ""));
                    err.println(USAGE);
                    return 2;
                }
                peer = Scenario.Peer.STRONGSWAN;
                i++;
            } else if (arg.startsWith("-")) {
                err.println("testbeds: unknown option " + arg);
                err.println(USAGE);
                return 2;
            } else {
                names.add(arg);
            }
        }
        if (names.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        try {
            boolean all = names.equals(List.of("all"));
            List<Planned> plan = new ArrayList<>();
            for (String name : all ? all(scenarios) : names) {
                Scenario scenario = Scenario.load(scenarios.resolve(name));
                List<Scenario.Peer> peers = peers(scenario, peer, all);
                if (peers.isEmpty() && !all) {
                    throw new ScenarioException(name + ": no host gives a swanctl.conf for --peer strongswan"
                            + (scenario.keys().equals("racoon") ? "" : " (its keys are static: no daemon runs)"));
                }
                for (Scenario.Peer p : peers) {
                    plan.add(new Planned(scenario, p, all && !scenario.status().isEmpty()));
                }
            }
            ScenarioRun runner = new ScenarioRun(root, shared, root.resolve("testbeds/target/runs"));
            List<Outcome> outcomes = new ArrayList<>();
            for (Planned p : plan) {
                Scenario scenario = p.scenario();
                if (p.skip()) {
                    outcomes.add(Outcome.skipped(scenario, label(scenario, p.peer())));
                    continue;
                }
                out.println("== " + scenario.name() + " with " + label(scenario, p.peer()) + " (guide: " + scenario.guide()
                        + ")" + (scenario.status().isEmpty() ? "" : " [status: " + scenario.status() + "]"));
                Outcome outcome = runner.run(scenario, p.peer(), keep);
                if (!keep) {
                    // kept runs showed theirs before waiting
                    outcome.failures().forEach(f -> out.println("FAIL " + f));
                }
                outcomes.add(outcome);
            }
            out.print(table(outcomes));
            return outcomes.stream().allMatch(Outcome::passed) ? 0 : 1;
        } catch (ScenarioException e) {
            err.println("testbeds: " + e.getMessage());
            return 2;
        }
    }

    /**
     * Who the scenario runs against: with {@code --peer strongswan} charon where a host gives a
     * swanctl.conf; under {@code all} both ways; otherwise our daemon (or setkey) alone.
     */
    private static List<Scenario.Peer> peers(Scenario scenario, Scenario.Peer asked, boolean all) {
        if (asked == Scenario.Peer.STRONGSWAN) {
            return scenario.hasStrongSwanPeer() ? List.of(asked) : List.of();
        }
        return all && scenario.hasStrongSwanPeer() ? List.of(Scenario.Peer.OURS, Scenario.Peer.STRONGSWAN)
                : List.of(Scenario.Peer.OURS);
    }

    private static String label(Scenario scenario, Scenario.Peer peer) {
        return scenario.keys().equals("racoon") ? peer.label() : scenario.keys();
    }
    /** Every folder of {@code scenarios} with a scenario.ini, by name. */
    private static List<String> all(Path scenarios) throws ScenarioException {
        try (Stream<Path> dirs = Files.list(scenarios)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(Scenario.FILE)))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new ScenarioException(scenarios + ": " + e.getMessage());
        }
    }

    static String table(List<Outcome> outcomes) {
        String format = "%-24s %-10s %-20s %9s %11s %11s%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format,
                "scenario", "peer", "result", "setup", "negotiation", "round trip"));
        for (Outcome o : outcomes) {
            String result = !o.skipped().isEmpty() ? "skipped: " + o.skipped() : o.passed() ? "pass" : "FAIL";
            sb.append(String.format(Locale.ROOT, format, o.scenario(), o.peer(), result,
                    o.setupMillis() < 0 ? "-" : o.setupMillis() + " ms",
                    o.negotiationMillis() < 0 ? "-" : o.negotiationMillis() + " ms",
                    o.roundTripMillis() < 0 ? "-" : String.format(Locale.ROOT, "%.3f ms", o.roundTripMillis())));
        }
        return sb.toString();
    }
}
