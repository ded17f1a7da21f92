package org.jracoon.setkey;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Shell commands for the kernel tests: network namespaces,
 * {@code setkey} on PATH as bin/setkey, and readings of {@code ip xfrm}.
 */
final class Shell {
    record Result(int exitCode, String output) {
    }

    private final Path pathDir;
    private final List<String> namespaces = new ArrayList<>();

    /** Puts a {@code setkey} that runs bin/setkey first on PATH (needs the shaded jar). */
    Shell(Path tmp) throws IOException {
        Path root = Path.of(System.getProperty("jracoon.root"));
        Path jar = root.resolve("ike-daemon/target/jracoon.jar");
        assertTrue(Files.isRegularFile(jar),
                jar + " is missing: build it first (mvn -B -q -DskipTests -pl ike-daemon -am package)");
        pathDir = Files.createDirectories(tmp.resolve("bin"));
        Path setkey = pathDir.resolve("setkey");
        Files.writeString(setkey, "#!/bin/sh\nexec " + root.resolve("bin/setkey") + " \"$@\"\n");
        Files.setPosixFilePermissions(setkey, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs {@code sh -c script} with setkey on PATH; fails the test after two minutes. */
    Result run(String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        pb.environment().put("PATH", pathDir + ":" + System.getenv("PATH"));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + script);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs and requires exit 0, returning the output. */
    String ok(String script) throws IOException, InterruptedException {
        Result r = run(script);
        if (r.exitCode() != 0) {
            fail("exit " + r.exitCode() + " from: " + script + "\n" + r.output());
        }
        return r.output();
    }

    /** A namespace with lo up, removed by {@link #cleanUp()}. */
    void namespace(String name) throws IOException, InterruptedException {
        ok("ip netns add " + name + " && ip -n " + name + " link set lo up");
        namespaces.add(name);
    }

    /** {@code ip xfrm state} as one line per SA: addresses, protocol, SPI, reqid, mode. */
    Set<String> states(String ns) throws IOException, InterruptedException {
        Set<String> out = new LinkedHashSet<>();
        for (String block : blocks(ok("ip -n " + ns + " xfrm state"))) {
            String[] lines = block.split("\n");
            out.add((lines[0] + " " + lines[1]).trim().replaceAll("\\s+", " "));
        }
        return out;
    }

    /** {@code ip xfrm policy} as one line per policy: selector, direction, priority, templates. */
    Set<String> policies(String ns) throws IOException, InterruptedException {
        Set<String> out = new LinkedHashSet<>();
        for (String block : blocks(ok("ip -n " + ns + " xfrm policy"))) {
            out.add(block.trim().replaceAll("\\s+", " "));
        }
        return out;
    }

    /** Entries of ip's xfrm listings start at a line beginning with "src ". */
    private static List<String> blocks(String listing) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : listing.split("\n")) {
            if (line.startsWith("src ")) {
                if (current != null) {
                    out.add(current.toString());
                }
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out;
    }

    void cleanUp() throws IOException, InterruptedException {
        for (String ns : namespaces) {
            run("ip netns delete " + ns);
        }
        namespaces.clear();
    }
}
