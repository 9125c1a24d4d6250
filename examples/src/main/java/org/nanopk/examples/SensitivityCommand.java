package org.nanopk.examples;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.io.SensitivityJson;
import org.nanopk.population.Readout;
import org.nanopk.population.Sensitivity;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanopk sensitivity MODEL.json --readout NAME}: which parameters drive a readout. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Normalized local sensitivity of a readout to every parameter, and with --global N the Sobol "
        + "first-order and total indices (each parameter lognormal with --cv around its value), sorted by influence.",
        "The readout is the AUC of NAME over 0 to --t-end, or its value at --at T."})
final class SensitivityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelSource source;

    @Option(names = "--readout", paramLabel = "NAME", required = true, description = "A compartment or output.")
    String readout;

    @Option(names = "--at", paramLabel = "T", description = "Use the value at T h instead of the AUC.")
    Double at;

    @Option(names = "--t-end", paramLabel = "H", defaultValue = "24", description = "End of the AUC (default 24 h).")
    double tEnd;

    @Option(names = "--parameters", paramLabel = "P1,P2", split = ",", description = "Parameters (default: all "
        + "numeric ones).")
    List<String> parameters;

    @Option(names = "--global", paramLabel = "N", description = "Also Sobol indices with N base samples (N(k+2) "
        + "simulations).")
    Integer global;

    @picocli.CommandLine.Mixin
    SolverOptions solverOptions;

    @picocli.CommandLine.Mixin
    SparkOption spark;

    @Option(names = "--cv", paramLabel = "X", defaultValue = "0.3", description = "CV of each parameter for "
        + "--global (default 0.3).")
    double cv;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Model model = source.load();
        List<String> ps = parameters != null ? parameters : PopulationCommand.numericParameters(model);
        double end = at != null ? Math.max(at, 1e-9) : tEnd;
        double[] times = org.nanopk.Times.grid(0, end, end / 200);
        String label;
        ToDoubleFunction<Simulation> f;
        if (at != null) {
            label = readout + " at " + at + " h";
            f = Readout.amountAt(readout, at);
        } else {
            label = "AUC of " + readout + " over 0-" + tEnd + " h";
            f = Readout.auc(readout);
        }
        Sensitivity analysis = Sensitivity.of(model, label, f).withTimes(times)
            .withParameters(ps.toArray(new String[0])).withSolver(solverOptions.solver());
        spark.requireShared(global != null, "the Sobol design of --global N; give --global too (local coefficients "
            + "take 1 + 2k simulations)");
        Sensitivity sobol = global != null ? analysis.withCv(cv).withSamples(global) : null;
        if (sobol != null && spark.saved(SensitivityJson.toJson(sobol), "sensitivity " + spark.saveSpec, w,
            source.input())) {
            return 0;
        }
        boolean onSpark = spark.on();
        w.println(analysis.local());
        if (sobol != null) {
            w.println();
            w.println(onSpark ? SparkRuns.sobol(spark.master, sobol) : sobol.sobol());
        }
        return 0;
    }
}
