package org.jracoon.testbeds.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * The table and chart of a results file: per mode and case, each responder's SA/s over its runs
 * (min, median, max), the ratio ours/charon of the medians, CPU per SA, memory after the
 * runs and how busy the generator was (its CPU over the load's time); then the start-up rows.
 */
final class Report {

    /** The responder whose figures are compared against charon's. */
    static final String OURS = "ours";
    static final String CHARON = "charon";

    /** A startup line: responder, run, ms to the first answer, idle RSS and heap. */
    record Startup(String responder, int run, long readyMs, long rssKb, long heapKb) {
    }

    private final Map<String, Map<String, List<Row>>> byCase = new LinkedHashMap<>();
    private final List<Startup> startups = new ArrayList<>();

    private Report() {
    }

    static Report parse(List<String> lines) {
        Report r = new Report();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("startup\t")) {
                String[] f = line.split("\t");
                if (f.length != 6) {
                    throw new IllegalArgumentException("a startup row has 6 fields: " + line);
                }
                r.startups.add(new Startup(f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                        Long.parseLong(f[5])));
                continue;
            }
            Row row = Row.parse(line);
            r.byCase.computeIfAbsent(row.mode() + " " + row.caseName(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row.responder(), k -> new ArrayList<>()).add(row);
        }
        return r;
    }

    static double median(List<Row> rows, ToDoubleFunction<Row> f) {
        double[] v = rows.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-12s %-8s %4s %7s %7s %7s %6s %7s %9s %7s %9s %7s %6s %5s%n", "case",
                "resp.", "runs", "SA/s lo", "median", "hi", "ratio", "CPU ms", "RSS KiB", "KiB/SA", "heap KiB",
                "KiB/SA", "failed", "gen%"));
        byCase.forEach((name, responders) -> responders.forEach((responder, rows) -> {
            double median = median(rows, Row::perSecond);
            List<Row> theirs = responders.get(CHARON);
            String ratio = responder.equals(OURS) && theirs != null
                    ? String.format(Locale.ROOT, "%.2f", median / median(theirs, Row::perSecond)) : "";
            out.append(String.format(Locale.ROOT, "%-12s %-8s %4d %7.0f %7.0f %7.0f %6s %7.2f %9.0f %7.2f %9s %7s %6d"
                    + " %5.0f%n",
                    name, responder, rows.size(), rows.stream().mapToDouble(Row::perSecond).min().orElse(0), median,
                    rows.stream().mapToDouble(Row::perSecond).max().orElse(0), ratio, median(rows, Row::cpuMsPerSa),
                    median(rows, Row::rssAfterKb), median(rows, r -> (double) (r.rssAfterKb() - r.rssBeforeKb())
                            / r.completed()),
                    rows.get(0).heapAfterKb() < 0 ? "-" : String.format(Locale.ROOT, "%.0f",
                            median(rows, Row::heapAfterKb)),
                    rows.get(0).heapAfterKb() < 0 ? "-" : String.format(Locale.ROOT, "%.2f",
                            median(rows, r -> (double) (r.heapAfterKb() - r.heapBeforeKb()) / r.completed())),
                    rows.stream().mapToInt(Row::failed).sum(), median(rows, Row::generatorBusyPercent)));
        }));
        if (!startups.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nstart-up      resp.    runs  ready ms lo  median  hi   idle RSS KiB"
                    + "  idle heap KiB%n"));
            Map<String, List<Startup>> per = new LinkedHashMap<>();
            startups.forEach(s -> per.computeIfAbsent(s.responder(), k -> new ArrayList<>()).add(s));
            per.forEach((responder, list) -> {
                long[] ms = list.stream().mapToLong(Startup::readyMs).sorted().toArray();
                Startup mid = list.stream().sorted(Comparator.comparingLong(Startup::readyMs)).toList()
                        .get(list.size() / 2);
                out.append(String.format(Locale.ROOT, "%-13s %-8s %4d %11d %7d %4d %14d %14s%n", "", responder,
                        list.size(), ms[0], ms[ms.length / 2], ms[ms.length - 1], mid.rssKb(),
                        mid.heapKb() < 0 ? "-" : Long.toString(mid.heapKb())));
            });
        }
        return out.toString();
    }

    /** Bars of the median SA/s per case and responder, with a line from the slowest to the fastest run. */
    void chart(Path png) throws IOException {
        int groups = byCase.size();
        int width = Math.max(640, 100 + groups * 170);
        int height = 420;
        int left = 70;
        int bottom = height - 70;
        int top = 50;
        double max = byCase.values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream)
                .mapToDouble(Row::perSecond).max().orElse(1) * 1.15;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("IKEv1 responder, negotiations per second (median; line: min..max of the runs)", 10, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 5; i++) {
            double v = max * i / 5;
            int y = bottom - (int) ((bottom - top) * i / 5.0);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(left, y, width - 10, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f", v), 10, y + 4);
        }
        g.drawLine(left, top, left, bottom);
        g.drawLine(left, bottom, width - 10, bottom);
        Map<String, Color> colors = Map.of(OURS, new Color(0x2b6cb0), CHARON, new Color(0xdd6b20));
        int x = left + 20;
        for (var entry : byCase.entrySet()) {
            int bx = x;
            for (var responder : entry.getValue().entrySet()) {
                List<Row> rows = responder.getValue();
                double median = median(rows, Row::perSecond);
                int h = (int) ((bottom - top) * median / max);
                g.setColor(colors.getOrDefault(responder.getKey(), Color.GRAY));
                g.fillRect(bx, bottom - h, 55, h);
                int lo = bottom - (int) ((bottom - top) * rows.stream().mapToDouble(Row::perSecond).min()
                        .orElse(0) / max);
                int hi = bottom - (int) ((bottom - top) * rows.stream().mapToDouble(Row::perSecond).max()
                        .orElse(0) / max);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(2));
                g.drawLine(bx + 27, lo, bx + 27, hi);
                g.drawString(String.format(Locale.ROOT, "%.0f", median), bx + 10, bottom - h - 6);
                g.drawString(responder.getKey(), bx + 8, bottom + 15);
                bx += 65;
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            g.drawString(entry.getKey(), x + 10, bottom + 35);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            x += 170;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }
}
