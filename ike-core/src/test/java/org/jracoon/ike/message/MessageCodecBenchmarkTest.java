package org.jracoon.ike.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Decode and encode throughput of the recorded strongSwan MM1 (SA with one proposal, five
 * vendor IDs) and of the decrypted QM1 body (HASH, SA, Ni, KE, IDci, IDcr). Run with
 * {@code mvn -B -q -Pbench -pl ike-core -am test}; prints operations per second (into
 * target/surefire-reports/...MessageCodecBenchmarkTest-output.txt, where surefire puts test output).
 */
@Tag("bench")
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MessageCodecBenchmarkTest {

    private byte[] mm1Bytes;
    private IsakmpMessage mm1;
    private IsakmpHeader qm1Header;
    private byte[] qm1Plaintext;
    private IsakmpMessage qm1;

    @Setup
    public void load() throws Exception {
        List<byte[]> packets = SharedFiles.katPackets();
        mm1Bytes = packets.get(0);
        mm1 = IsakmpMessage.decode(mm1Bytes);
        qm1Header = IsakmpMessage.decodeHeader(packets.get(6));
        qm1Plaintext = SharedFiles.katHex("qm1_plaintext");
        qm1 = IsakmpMessage.decodeBody(qm1Header, qm1Plaintext);
    }

    @Benchmark
    public IsakmpMessage decodeMm1() throws IsakmpProtocolException {
        return IsakmpMessage.decode(mm1Bytes);
    }

    @Benchmark
    public byte[] encodeMm1() {
        return mm1.encode();
    }

    @Benchmark
    public IsakmpMessage decodeQm1Body() throws IsakmpProtocolException {
        return IsakmpMessage.decodeBody(qm1Header, qm1Plaintext);
    }

    @Benchmark
    public byte[] encodeQm1Body() {
        return qm1.encodeBody();
    }

    @Test
    void printThroughput() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(MessageCodecBenchmarkTest.class.getName() + "\\.")
                .forks(1)
                .jvmArgsAppend("-Djracoon.shared=" + System.getProperty("jracoon.shared"))
                .warmupIterations(5).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .build()).run();
        assertEquals(4, results.size());
        for (RunResult r : results) {
            System.out.printf("%-16s %,14.0f ± %,.0f ops/s%n", r.getParams().getBenchmark().replaceAll(".*\\.", ""),
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError());
        }
    }
}
