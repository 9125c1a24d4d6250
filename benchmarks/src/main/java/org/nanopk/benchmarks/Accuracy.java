package org.nanopk.benchmarks;

import java.util.Locale;

import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.solve.Solver;

/**
 * Prints, for every configuration of {@link SingleSolveBenchmark}, the largest relative error at the
 * outputs (values ≥ 1e-3 %ID) against a reference solved by Rodas5P at rtol 1e-12, and the work done.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar org.nanopk.benchmarks.Accuracy}.
 */
public final class Accuracy {
    private Accuracy() {
    }

    public static void main(String[] args) {
        System.out.println("| model | rtol | solver | max rel. error | error/rtol | work |");
        System.out.println("|---|---|---|---|---|---|");
        for (String name : new String[] {"np9", "np9-stiff", "np9-linear"}) {
            Model m = Problems.byName(name);
            double[][] ref = Problems.reference(m, Problems.HOURLY);
            for (double rtol : new double[] {1e-6, 1e-8}) {
                double atol = rtol == 1e-6 ? 1e-9 : 1e-10;
                for (String solver : new String[] {"auto", "stiff", "nonstiff", "exact"}) {
                    if (solver.equals("exact") && !m.isLinear()) {
                        continue;
                    }
                    Simulation s = m.simulate(m.regimen(), Problems.HOURLY, Solver.named(solver).withTolerances(rtol,
                        atol));
                    row(name, rtol, "NanoPK " + solver, Problems.maxRelativeError(Problems.states(s), ref, 1e-3),
                        s.stats().toString());
                }
                double[] y0 = Problems.initialState(m);
                row(name, rtol, "Hipparchus DP853", Problems.maxRelativeError(
                    Peers.hipparchus(false, m.odeSystem(), y0, Problems.HOURLY, rtol, atol), ref, 1e-3), "");
                row(name, rtol, "Hipparchus GBS", Problems.maxRelativeError(
                    Peers.hipparchus(true, m.odeSystem(), y0, Problems.HOURLY, rtol, atol), ref, 1e-3), "");
                row(name, rtol, "Commons Math 3 DP853", Problems.maxRelativeError(
                    Peers.commonsMath3(m.odeSystem(), y0, Problems.HOURLY, rtol, atol), ref, 1e-3), "");
            }
        }
    }

    private static void row(String model, double rtol, String solver, double err, String work) {
        System.out.println(String.format(Locale.ROOT, "| %s | %.0e | %s | %.2e | %.1f | %s |", model, rtol, solver, err,
            err / rtol, work));
    }
}
