package org.jracoon.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * racoon without {@code -F}: the daemon goes on in a detached process (its own session, no
 * terminal, stdout discarded) and this one returns once it is up, so that init scripts and
 * systemd's Type=forking see a started daemon, or its refusal, when racoon returns. "Up" is the
 * pid file naming the child, which it writes after its sockets and admin socket are open
 * (racoon itself writes it before, so scripts had to poll for the admin socket: racoon-pains.md 9).
 */
final class Detach {

    /** How long the parent waits for the child to come up. */
    private static final long READY_SECONDS = 60;

    private Detach() {
    }

    static int start(List<String> args, Path pidFile, PrintWriter err) {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RacoonMain.class.getName());
        command.addAll(args);
        command.add("--detached");
        Path errors = null;
        try {
            errors = Files.createTempFile("racoon-start", ".err");
            Process child = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                    .toFile())).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
            while (System.nanoTime() < deadline) {
                if (names(pidFile, child.pid())) {
                    return RacoonMain.EXIT_OK;
                }
                if (child.waitFor(100, TimeUnit.MILLISECONDS)) {
                    // refused after the checks the parent made: a socket, the kernel, the pid file
                    err.print(Files.readString(errors));
                    err.flush();
                    return child.exitValue();
                }
            }
            err.println("racoon: the daemon (pid " + child.pid() + ") did not write " + pidFile + " within "
                    + READY_SECONDS + " s; see syslog");
            err.flush();
            return RacoonMain.EXIT_FAILURE;
        } catch (IOException e) {
            err.println("racoon: cannot start the daemon process: " + e.getMessage());
            err.flush();
            return RacoonMain.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RacoonMain.EXIT_FAILURE;
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException e) {
                    err.println("racoon: cannot remove " + errors + ": " + e.getMessage());
                }
            }
        }
    }

    private static boolean names(Path pidFile, long pid) throws IOException {
        try {
            return Files.readString(pidFile).strip().equals(Long.toString(pid));
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }
}
