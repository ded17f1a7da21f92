package org.jracoon.testbeds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code sh -c} commands in the guest with the project's bin/setkey first on PATH as
 * {@code setkey}, as the guide's scripts call it.
 */
final class Shell {
    private static final long TIMEOUT_SECONDS = 120;

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The last non-blank output line, for one-line messages. */
        String lastLine() {
            return Shell.lastLine(output);
        }
    }

    /** The last non-blank line of {@code text}. */
    static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private final Path pathDir;

    /** {@code root} is the checkout (bin/setkey); {@code work} gets the PATH folder. */
    Shell(Path root, Path work) throws ScenarioException {
        Path jar = root.resolve("ike-daemon/target/jracoon.jar");
        if (!Files.isRegularFile(jar)) {
            throw new ScenarioException(jar + " is not built: mvn -B -q -DskipTests -pl ike-daemon -am package");
        }
        pathDir = work.resolve("bin");
        try {
            Files.createDirectories(pathDir);
            Path setkey = pathDir.resolve("setkey");
            Files.writeString(setkey, "#!/bin/sh\nexec " + root.resolve("bin/setkey") + " \"$@\"\n");
            Files.setPosixFilePermissions(setkey, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new ScenarioException(pathDir + ": " + e.getMessage());
        }
    }

    Result run(String script) throws ScenarioException {
        return run("sh", script);
    }

    /** Runs a bash script (for scripts that source bash helpers such as peers/strongswan/lib.sh). */
    Result bash(String script) throws ScenarioException {
        return run("bash", script);
    }

    private Result run(String shell, String script) throws ScenarioException {
        try {
            Process p = start(shell, script);
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ScenarioException("timed out after " + TIMEOUT_SECONDS + " s: " + script);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ScenarioException(script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("interrupted: " + script);
        }
    }

    /** Runs and requires exit 0, giving the output. */
    String ok(String script) throws ScenarioException {
        return ok(run(script), script);
    }

    /** {@link #ok(String)} for a bash script. */
    String okBash(String script) throws ScenarioException {
        return ok(bash(script), script);
    }

    private static String ok(Result r, String script) throws ScenarioException {
        if (!r.ok()) {
            throw new ScenarioException("'" + script + "' exited " + r.exitCode() + ": " + r.lastLine());
        }
        return r.output();
    }

    /** A command left running (a capture), its output and errors merged. */
    Process start(String script) throws IOException {
        return start("sh", script);
    }

    private Process start(String shell, String script) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", script).redirectErrorStream(true);
        pb.environment().put("PATH", pathDir + ":" + System.getenv("PATH"));
        return pb.start();
    }
}
