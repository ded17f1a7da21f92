package org.jracoon.testbeds.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The responder as /proc and jcmd show it: CPU time used (utime + stime of all its threads),
 * resident memory, and for a JVM the live heap after a full collection.
 */
final class ResponderProcess {

    /** USER_HZ, the unit of utime and stime in /proc/PID/stat (100 on Linux). */
    private static final int TICKS_PER_SECOND = 100;
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    /** A generation or the whole heap ("total 1024K, used 512K"); Metaspace lines say "used" first. */
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    /** @param heapKb -1 when not a JVM */
    record Reading(long cpuMs, long rssKb, long heapKb) {
    }

    private final long pid;
    private final boolean jvm;

    ResponderProcess(long pid, boolean jvm) {
        this.pid = pid;
        this.jvm = jvm;
    }

    Reading read() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // fields after the command name in parentheses (which may hold spaces): state is field 3
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long heap = jvm ? heapKb() : -1;
        Matcher m = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!m.find()) {
            throw new IOException("no VmRSS for process " + pid);
        }
        return new Reading(ticks * 1000 / TICKS_PER_SECOND, Long.parseLong(m.group(1)), heap);
    }

    /**
     * The heap in use after a full collection, so it counts what the SAs hold, not garbage: the
     * sum over the generations (a JVM on one CPU runs the serial collector, which has two).
     */
    private long heapKb() throws IOException {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        long used = 0;
        boolean found = false;
        while (m.find()) {
            used += Long.parseLong(m.group(1));
            found = true;
        }
        if (!found) {
            throw new IOException("jcmd " + pid + " GC.heap_info: no 'used' figure");
        }
        return used;
    }

    private String jcmd(String command) throws IOException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("jcmd " + pid + " " + command + ": no answer in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + ": " + out.strip().lines().findFirst().orElse(""));
        }
        return out;
    }
}
