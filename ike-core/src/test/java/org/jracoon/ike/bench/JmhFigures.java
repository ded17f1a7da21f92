package org.jracoon.ike.bench;

import java.util.Collection;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a class of JMH benchmarks as the "bench"-tagged tests do (one fork, short warm-up; the
 * forked JVM finds the shared material too) and prints one line per figure: benchmark, its
 * parameters, average time per operation with JMH's 99.9% error.
 */
public final class JmhFigures {

    private JmhFigures() {
    }

    public static Collection<RunResult> runAndPrint(Class<?> benchmarks, String title) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(benchmarks.getName())
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(2))
                .forks(1)
                .jvmArgsAppend("-Djracoon.shared=" + System.getProperty("jracoon.shared"))
                .build();
        Collection<RunResult> results = new Runner(options).run();

        System.out.println(title + " (JMH average time per operation, 99.9% error):");
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            String parameters = run.getParams().getParamsKeys().stream().map(run.getParams()::getParam)
                    .collect(Collectors.joining(" "));
            Result<?> score = run.getPrimaryResult();
            System.out.printf("  %-28s %-18s %12.1f ± %8.1f %s%n", method, parameters, score.getScore(),
                    score.getScoreError(), score.getScoreUnit());
        }
        return results;
    }
}
