package org.jracoon.testbeds.bench;

import java.util.Locale;

/**
 * One load run as a line of results.tsv: what ran (mode, case, responder, run number) and what
 * was measured. The responder figures are -1 when no process was watched (heap: not a JVM).
 *
 * @param mode "mm" (Main Mode alone) or "mmqm" (with one Quick Mode)
 * @param generatorCpuMs the generator's own CPU time during the load: near {@code seconds} it
 *        was the bottleneck, not the responder (-1 in rows written before it was recorded)
 */
record Row(String mode, String caseName, String responder, int run, int count, int completed, int failed,
        double seconds, long cpuMs, long rssBeforeKb, long rssAfterKb, long heapBeforeKb, long heapAfterKb,
        long generatorCpuMs) {

    static Row of(String label, int count, LoadGenerator.Result result, ResponderProcess.Reading before,
            ResponderProcess.Reading after, long generatorCpuMs) {
        String[] l = label.trim().split("\\s+");
        if (l.length != 4) {
            throw new IllegalArgumentException("--row needs MODE CASE RESPONDER RUN, not '" + label + "'");
        }
        boolean watched = before != null;
        return new Row(l[0], l[1], l[2], Integer.parseInt(l[3]), count, result.completed(), result.failed(),
                result.nanos() / 1e9, watched ? after.cpuMs() - before.cpuMs() : -1,
                watched ? before.rssKb() : -1, watched ? after.rssKb() : -1, watched ? before.heapKb() : -1,
                watched ? after.heapKb() : -1, generatorCpuMs);
    }

    static Row parse(String line) {
        String[] f = line.split("\t");
        if (f.length != 13 && f.length != 14) {
            throw new IllegalArgumentException("a results row has 14 fields, not " + f.length + ": " + line);
        }
        return new Row(f[0], f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                Integer.parseInt(f[6]), Double.parseDouble(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]),
                Long.parseLong(f[10]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                f.length == 14 ? Long.parseLong(f[13]) : -1);
    }

    String tsv() {
        return String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%.3f\t%d\t%d\t%d\t%d\t%d\t%d", mode,
                caseName, responder, run, count, completed, failed, seconds, cpuMs, rssBeforeKb, rssAfterKb,
                heapBeforeKb, heapAfterKb, generatorCpuMs);
    }

    double perSecond() {
        return completed / seconds;
    }

    /** Responder CPU per completed negotiation, ms. */
    double cpuMsPerSa() {
        return cpuMs < 0 || completed == 0 ? Double.NaN : (double) cpuMs / completed;
    }

    /** How much of one CPU the generator used during the load, in percent; NaN when not recorded. */
    double generatorBusyPercent() {
        return generatorCpuMs < 0 ? Double.NaN : generatorCpuMs / (seconds * 10);
    }

    String describe() {
        return String.format(Locale.ROOT, "%s %s %s run %d: %d/%d done, %d failed in %.2f s = %.0f SA/s"
                + " (generator %.0f%% busy)%s", mode, caseName, responder, run, completed, count, failed, seconds,
                perSecond(), generatorBusyPercent(),
                cpuMs < 0 ? "" : String.format(Locale.ROOT, ", responder %.2f ms CPU per SA, RSS %d -> %d KiB%s",
                        cpuMsPerSa(), rssBeforeKb, rssAfterKb,
                        heapAfterKb < 0 ? "" : ", heap " + heapBeforeKb + " -> " + heapAfterKb + " KiB"));
    }
}
