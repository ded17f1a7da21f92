package org.jracoon.testbeds;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readings of {@code ip xfrm state} and {@code ip xfrm policy} as one line per entry, in the
 * form scenario files expect them:
 * <ul>
 * <li>state: {@code src A dst B proto esp spi 0x00001000 reqid 0 mode tunnel}, the first two
 *     lines of the entry (the keys and counters that follow are left out);</li>
 * <li>policy: the selector, {@code dir D}, then per template {@code tmpl [src A dst B] proto P
 *     mode M} (a transport template's 0.0.0.0 addresses, priorities and reqids are left out:
 *     setkey and a daemon choose those differently for the same protection).</li>
 * </ul>
 */
final class Xfrm {
    private static final Pattern SOCKET = Pattern.compile("\\ssocket (in|out)\\s");
    private static final Pattern PACKETS = Pattern.compile("(\\d+)\\(packets\\)");

    private Xfrm() {
    }

    static List<String> states(String listing) {
        List<String> out = new ArrayList<>();
        for (String entry : entries(listing)) {
            String[] lines = entry.split("\n");
            out.add(words(lines[0] + " " + (lines.length > 1 ? lines[1] : "")));
        }
        return out;
    }

    /**
     * The SPD's policies. Per-socket policies ({@code socket in}/{@code socket out}: a daemon's
     * IKE sockets bypassing IPsec) are left out: they belong to a socket, not to the SPD the
     * scenario sets up.
     */
    static List<String> policies(String listing) {
        List<String> out = new ArrayList<>();
        for (String entry : entries(listing)) {
            if (!SOCKET.matcher(entry).find()) {
                out.add(policy(entry));
            }
        }
        return out;
    }

    /** Packets counted by each SA of {@code ip -s xfrm state}, in the order listed. */
    static List<Long> packetCounts(String listing) {
        List<Long> out = new ArrayList<>();
        for (String entry : entries(listing)) {
            Matcher m = PACKETS.matcher(entry);
            out.add(m.find() ? Long.parseLong(m.group(1)) : 0L);
        }
        return out;
    }

    /** Whether {@code line} has the words of {@code pattern}, where a word {@code *} matches any one. */
    static boolean matches(String pattern, String line) {
        String[] want = pattern.strip().split("\\s+");
        String[] have = line.strip().split("\\s+");
        if (want.length != have.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals("*") && !want[i].equals(have[i])) {
                return false;
            }
        }
        return true;
    }

    private static String policy(String entry) {
        String[] lines = entry.split("\n");
        StringBuilder out = new StringBuilder(words(lines[0]));
        String[] w = words(entry).split(" ");
        for (int i = 0; i < w.length - 1; i++) {
            switch (w[i]) {
                case "dir" -> out.append(" dir ").append(w[i + 1]);
                case "tmpl" -> out.append(" tmpl");
                case "proto", "mode", "level" -> {
                    if (inTemplate(w, i)) {
                        out.append(' ').append(w[i]).append(' ').append(w[i + 1]);
                    }
                }
                case "src", "dst" -> {
                    if (inTemplate(w, i) && !w[i + 1].equals("0.0.0.0") && !w[i + 1].equals("::")) {
                        out.append(' ').append(w[i]).append(' ').append(w[i + 1]);
                    }
                }
                default -> {
                }
            }
        }
        return out.toString();
    }

    /** Whether word {@code i} comes after a "tmpl" (the selector's own src/dst/proto come before). */
    private static boolean inTemplate(String[] w, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (w[j].equals("tmpl")) {
                return true;
            }
        }
        return false;
    }

    /** Entries of ip's xfrm listings start at a line beginning with "src ". */
    private static List<String> entries(String listing) {
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

    private static String words(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
