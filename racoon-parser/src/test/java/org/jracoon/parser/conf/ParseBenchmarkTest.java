package org.jracoon.parser.conf;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Parse time of a generated racoon.conf with 10 000 remote and 10 000 sainfo sections (target: under
 * a second once the JIT has warmed up). Prints figures, asserts only that everything was read;
 * run with {@code mvn -B -q -Pbench -pl racoon-parser -am test}.
 */
@Tag("bench")
class ParseBenchmarkTest {

    private static final int SECTIONS = 10_000;
    private static final int WARM_UP = 5;
    private static final int MEASURED = 5;

    static String generate() {
        StringBuilder b = new StringBuilder(SECTIONS * 400);
        b.append("path certificate \"/etc/racoon/certs\";\nlog notify;\n");
        for (int i = 0; i < SECTIONS; i++) {
            String peer = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            b.append("remote ").append(peer).append(" {\n")
                    .append("\texchange_mode main, aggressive;\n")
                    .append("\tmy_identifier fqdn \"gw").append(i).append(".example.net\";\n")
                    .append("\tlifetime time 8 hour;\n\tnat_traversal on;\n\tdpd_delay 30;\n")
                    .append("\tproposal {\n\t\tencryption_algorithm aes 256;\n\t\thash_algorithm sha256;\n")
                    .append("\t\tauthentication_method pre_shared_key;\n\t\tdh_group modp2048;\n\t}\n}\n");
            b.append("sainfo address 192.168.").append(i >> 8 & 255).append('.').append(i & 255)
                    .append("/32 any subnet 172.").append(16 + (i >> 16 & 15)).append('.').append(i >> 8 & 255).append('.')
                    .append(i & 255).append("/32 any {\n")
                    .append("\tpfs_group modp2048;\n\tlifetime time 1 hour;\n")
                    .append("\tencryption_algorithm aes 256, 3des;\n\tauthentication_algorithm hmac_sha256, hmac_sha1;\n")
                    .append("\tcompression_algorithm deflate;\n}\n");
        }
        return b.toString();
    }

    @Test
    void parseTenThousandRemotesAndSainfos() throws Exception {
        String text = generate();
        for (int i = 0; i < WARM_UP; i++) {
            ConfigLoader.parse(text, "bench.conf");
        }
        // wall time and this thread's CPU time: on a shared machine the second shows the parser's own cost
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long bestWall = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        long totalWall = 0;
        RacoonConf conf = null;
        for (int i = 0; i < MEASURED; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            conf = ConfigLoader.parse(text, "bench.conf").config();
            long wall = System.nanoTime() - start;
            bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - cpu);
            bestWall = Math.min(bestWall, wall);
            totalWall += wall;
        }
        assertEquals(SECTIONS, conf.remotes().size());
        assertEquals(SECTIONS, conf.sainfos().size());
        System.out.printf("racoon.conf parse: %d remotes + %d sainfos, %.1f MB, %d runs after %d warm-up runs:"
                        + " wall best %.0f ms, mean %.0f ms; parser thread CPU best %.0f ms (target < 1000 ms)%n",
                SECTIONS, SECTIONS, text.length() / 1e6, MEASURED, WARM_UP, bestWall / 1e6, totalWall / 1e6 / MEASURED,
                bestCpu / 1e6);
    }
}
