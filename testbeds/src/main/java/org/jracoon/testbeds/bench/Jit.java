package org.jracoon.testbeds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * This JVM's JIT compiler threads, as Linux accounts their CPU. After a warm-up the C2 compiler
 * is still working through its queue for seconds (it shares the generator's one core with the
 * negotiations that filled it), and what it compiles then would be counted as the generator's
 * CPU in the measured run.
 */
final class Jit {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Duration QUIET = Duration.ofMillis(300);

    private Jit() {
    }

    /**
     * Waits until the compiler threads have used no CPU for {@link #QUIET}, or {@code limit} has
     * passed; returns at once where /proc does not say.
     */
    static void awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long last = compilerTicks();
        while (last >= 0 && System.nanoTime() < deadline) {
            Thread.sleep(QUIET.toMillis());
            long now = compilerTicks();
            if (now == last) {
                return;
            }
            last = now;
        }
    }

    /** utime+stime of the threads named "C1 CompilerThre..."/"C2 CompilerThre...", or -1. */
    static long compilerTicks() {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            long sum = 0;
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended between the listing and the read
                }
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close);
                if (name.matches("C[12] CompilerThre.*")) {
                    // fields after the name: state is the first, utime and stime the 12th and 13th
                    String[] fields = stat.substring(close + 2).split(" ");
                    sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
