package org.jracoon.testbeds;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * --keep: the namespaces exist only inside the guest kernel run-in-kernel booted, which has no
 * terminal (its standard input is closed), so nobody can open a shell in them. While kept, the
 * harness runs commands handed over through the disk it shares with the machine: {@code
 * testbeds/run --in NAME HOST COMMAND...} writes {@code keep/ID.cmd} (the host on the first line,
 * the command after it), the harness runs it in that namespace and writes {@code keep/ID.out};
 * {@code testbeds/run --release NAME} writes {@code keep/release} and the network is torn down.
 */
final class Keep {
    private final Testbed bed;
    private final Path dir;
    private final PrintStream out;

    Keep(Testbed bed, Path dir, PrintStream out) {
        this.bed = bed;
        this.dir = dir;
        this.out = out;
    }

    void serve(List<String> failures) throws ScenarioException {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("release"));
        } catch (IOException e) {
            throw new ScenarioException(dir + ": " + e.getMessage());
        }
        String name = dir.getParent().getFileName().toString();
        failures.forEach(f -> out.println("FAIL " + f));
        out.println("--keep: " + name + " stays up inside the guest kernel, which has no terminal; from another"
                + " terminal run a command in one of its hosts (" + String.join(", ", bed.hosts()) + ") with");
        out.println("    testbeds/run --in " + name + " HOST COMMAND...    e.g. testbeds/run --in " + name + " "
                + bed.hosts().get(0) + " ip xfrm state");
        out.println("  and tear it down with: testbeds/run --release " + name);
        out.flush();
        while (!Files.exists(dir.resolve("release"))) {
            for (Path cmd : requests()) {
                answer(cmd);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // gone with the network, so that --in says "not kept" instead of waiting for an answer
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
            Files.delete(dir);
        } catch (IOException e) {
            out.println("--keep: " + dir + ": " + e.getMessage());
        }
    }

    private List<Path> requests() throws ScenarioException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cmd")).sorted().toList();
        } catch (IOException e) {
            throw new ScenarioException(dir + ": " + e.getMessage());
        }
    }

    /** Runs one request and answers it; the answer appears whole (written aside, then renamed). */
    private void answer(Path cmd) throws ScenarioException {
        String id = cmd.getFileName().toString().replace(".cmd", "");
        try {
            List<String> lines = Files.readAllLines(cmd);
            String host = lines.isEmpty() ? "" : lines.get(0).strip();
            String answer;
            if (!bed.hosts().contains(host)) {
                answer = "no host '" + host + "' here; hosts: " + String.join(", ", bed.hosts()) + "\n";
            } else {
                Path script = dir.resolve(id + ".sh");
                Files.writeString(script, String.join("\n", lines.subList(1, lines.size())) + "\n");
                answer = bed.runIn(host, script).output();
                Files.delete(script);
            }
            Path part = dir.resolve(id + ".part");
            Files.writeString(part, answer);
            Files.move(part, dir.resolve(id + ".out"), StandardCopyOption.ATOMIC_MOVE);
            Files.delete(cmd);
        } catch (IOException e) {
            throw new ScenarioException(cmd + ": " + e.getMessage());
        }
    }
}
