package org.jracoon.ike.keymat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CryptoBenchmark} through JMH and prints one line per figure. A benchmark, not a
 * test: tagged "bench", it runs only with {@code mvn -B -q -Pbench -pl ike-core -am test}, and
 * the surefire report ({@code target/surefire-reports/*CryptoBenchmarkTest-output.txt}) holds
 * the figures.
 */
@Tag("bench")
class CryptoBenchmarkTest {

    @Test
    void printCosts() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(CryptoBenchmark.class.getName())
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(2))
                .forks(1)
                // the forked JVM reads the known-answer record too
                .jvmArgsAppend("-Djracoon.shared=" + System.getProperty("jracoon.shared"))
                .build();
        Collection<RunResult> results = new Runner(options).run();

        System.out.println("jracoon crypto costs (JMH average time per operation, 99.9% error):");
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            String group = run.getParams().getParamsKeys().contains("group") ? run.getParams().getParam("group") : "";
            Result<?> score = run.getPrimaryResult();
            System.out.printf("  %-28s %-10s %12.1f ± %8.1f %s%n", method, group, score.getScore(),
                    score.getScoreError(), score.getScoreUnit());
        }
        // 4 groups x 4 DH benchmarks + QM1 decryption, alone and followed by decoding
        assertEquals(18, results.size(), "every benchmark ran");
    }
}
