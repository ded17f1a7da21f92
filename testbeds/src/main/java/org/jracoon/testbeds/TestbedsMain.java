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
 * a table of scenario, peer, result, setup time and ping round trip. Exit 0 when all passed,
 * 1 when a check failed, 2 on a bad command line or scenario file.
 */
public final class TestbedsMain {
    private static final String USAGE =
            "usage: testbeds/run [--keep] NAME... | all   (scenarios: testbeds/scenarios/NAME/scenario.ini)";

    private TestbedsMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path root = Path.of(System.getProperty("jracoon.root", "")).toAbsolutePath();
        Path scenarios = root.resolve("testbeds/scenarios");
        boolean keep = false;
        List<String> names = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--keep")) {
                keep = true;
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
            List<Scenario> chosen = new ArrayList<>();
            for (String name : names.equals(List.of("all")) ? all(scenarios) : names) {
                chosen.add(Scenario.load(scenarios.resolve(name)));
            }
            Path work = root.resolve("testbeds/target/runs");
            ScenarioRun runner = new ScenarioRun(root, work);
            List<Outcome> outcomes = new ArrayList<>();
            for (Scenario scenario : chosen) {
                out.println("== " + scenario.name() + " (guide: " + scenario.guide() + ")");
                Outcome outcome = runner.run(scenario, keep);
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
        String format = "%-24s %-8s %-6s %9s %11s%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format,
                "scenario", "peer", "result", "setup", "round trip"));
        for (Outcome o : outcomes) {
            sb.append(String.format(Locale.ROOT, format, o.scenario(), o.peer(), o.passed() ? "pass" : "FAIL",
                    o.setupMillis() + " ms",
                    o.roundTripMillis() < 0 ? "-" : String.format(Locale.ROOT, "%.3f ms", o.roundTripMillis())));
        }
        return sb.toString();
    }
}
