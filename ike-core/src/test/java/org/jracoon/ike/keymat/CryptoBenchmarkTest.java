package org.jracoon.ike.keymat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jracoon.ike.bench.JmhFigures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

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
        // 4 groups x 4 DH benchmarks + QM1 decryption, alone and followed by decoding
        assertEquals(18, JmhFigures.runAndPrint(CryptoBenchmark.class, "jracoon crypto costs").size(),
                "every benchmark ran");
    }
}
