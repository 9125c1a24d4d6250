package org.nanopk.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nanopk.PkException;
import org.nanopk.fit.ErrorModel;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.Solver;

/**
 * A study run block by block, in any partition and order of merges, through the binary form, finishes to
 * exactly the summary of {@code run(n)} (residual error and a body weight covariate included).
 */
class PartialTest {
    static Population.Study np9Study(long seed) {
        return Population.of(Presets.np9()).withVariability("kEPR", 0.3).withVariability("VmL", 0.4)
            .withCorrelation("kEPR", "VmL", 0.3).withBodyWeight(0.025, 0.1, Map.of("VmL", 0.75))
            .withResidualError(ErrorModel.combined(0.01, 0.1)).withSeed(seed)
            .withSolver(Solver.auto().withTolerances(1e-6, 1e-10)).withThreads(2)
            .study(0.5, 1, 4, 24, 72).track("Tumor", "B")
            .readout("DE24", Readout.percentIdAt("Tumor", 24)).readout("DEmax", Readout.maxPercentId("Tumor"))
            .readout("AUC", Readout.auc("Tumor"));
    }

    @Test
    void anyPartitionAndOrderOfBlocksFinishesToTheSameSummary() {
        Random r = new Random(7);
        for (int n : new int[] {1, 5, 64, 129, 700}) {
            for (long seed : new long[] {1, 42}) {
                Population.Study study = np9Study(seed);
                Population.Summary whole = study.run(n);
                int blocks = study.blockCount(n);
                List<Population.Partial> parts = new ArrayList<>();
                for (int from = 0; from < blocks; ) {
                    int to = Math.min(blocks, from + 1 + r.nextInt(5));
                    parts.add(Population.Partial.fromBytes(study.runBlocks(n, from, to).toBytes()));
                    from = to;
                }
                Collections.shuffle(parts, r);
                Population.Partial merged = parts.get(0);
                for (int i = 1; i < parts.size(); i++) {
                    merged = i % 2 == 0 ? merged.merge(parts.get(i)) : parts.get(i).merge(merged);
                }
                assertTrue(merged.complete(), merged.toString());
                assertEquals(whole, study.finish(merged), "n " + n + ", seed " + seed);
                assertEquals(whole.toString(), study.finish(merged).toString());
            }
        }
    }

    @Test
    void blocksDependOnTheSubjectCountOnly() {
        Population.Study s = np9Study(1);
        assertEquals(1, s.blockCount(1));
        assertEquals(63, s.blockCount(63));
        assertEquals(64, s.blockCount(65_536));
        assertEquals(977, s.blockCount(1_000_000));
        assertEquals(s.blockCount(5000), s.withPopulation(s.population().withThreads(1)).blockCount(5000));
    }

    @Test
    void mergesThatCannotBeRightAreRefused() {
        Population.Study s = np9Study(1);
        Population.Partial a = s.runBlocks(3, 0, 2);
        Population.Partial b = s.runBlocks(3, 1, 3);
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> a.merge(b));
        assertTrue(overlap.getMessage().contains("overlap"), overlap.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> s.finish(a));
        assertTrue(missing.getMessage().contains("blocks [0, 2) of 3"), missing.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
            () -> a.merge(np9Study(2).runBlocks(3, 2, 3)));
        assertTrue(other.getMessage().contains("two different studies"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> np9Study(2).finish(a.merge(s.runBlocks(3, 2, 3))));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> s.runBlocks(3, 2, 4));
        assertTrue(range.getMessage().contains("expected 0 <= from < to <= 3"), range.getMessage());
        IllegalArgumentException bytes = assertThrows(IllegalArgumentException.class,
            () -> Population.Partial.fromBytes(new byte[] {1, 2, 3}));
        assertTrue(bytes.getMessage().contains("partial summary"), bytes.getMessage());
        byte[] whole = a.toBytes();
        assertThrows(IllegalArgumentException.class,
            () -> Population.Partial.fromBytes(java.util.Arrays.copyOf(whole, whole.length / 2)));
    }

    @Test
    void aFailedSubjectNamesItsBlock() {
        Population.Study s = Population.of(Presets.np9()).withVariability("kEPR", 0.3)
            .withSolver(Solver.nonstiff().withMaxSteps(3)).study(0, 24).track("Tumor");
        PkException e = assertThrows(PkException.class, () -> s.runBlocks(640, 5, 6));
        assertTrue(e.getMessage().contains("(block 5)"), e.getMessage());
    }
}
