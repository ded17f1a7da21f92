package org.jracoon.crypto.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jracoon.ike.bench.JmhFigures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs {@link ProviderBenchmark} through JMH and prints one line per figure. A benchmark, not a
 * test: tagged "bench", it runs only with
 * {@code mvn -B -q -Pbench -pl crypto-openssl -am test -Dtest=ProviderBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class ProviderBenchmarkTest {

    @Test
    void printCosts() throws RunnerException {
        // 2 providers x 2 groups x 2 DH benchmarks, 2 providers x RSA sign, Java verify, BC subgroup test
        assertEquals(12, JmhFigures.runAndPrint(ProviderBenchmark.class, "jracoon crypto providers").size(),
                "every benchmark ran");
    }
}
