package org.nanopk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.nanopk.Model;
import org.nanopk.Observations;
import org.nanopk.io.NonmemData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a NONMEM-style file of 1,000,000 records in 10,000 subjects (a dose and 99 observations
 * each, 37 MB) and turning it into observations with each subject's own doses: the work is linear in
 * the records (target: under 30 s on 2 cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class NonmemReadBenchmark {
    Path file;
    Model model;

    @Setup
    public void write() throws IOException {
        file = Files.createTempFile("nanopk-nonmem", ".csv");
        StringBuilder sb = new StringBuilder("ID,TIME,EVID,AMT,CMT,DV,MDV\n");
        for (int id = 1; id <= 10_000; id++) {
            sb.append(id).append(",0,1,100,1,.,1\n");
            for (int k = 1; k < 100; k++) {
                sb.append(id).append(',').append(k * 0.5).append(",0,0,1,").append(100 * Math.exp(-0.1 * k))
                    .append(",0\n");
            }
        }
        Files.writeString(file, sb);
        model = Model.builder("one").compartment("B").sink("U").parameter("k", 0.1).firstOrder("B", "U", "k").build();
    }

    @TearDown
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public Observations readAndObserve() {
        return NonmemData.read(file).observations(model);
    }
}
