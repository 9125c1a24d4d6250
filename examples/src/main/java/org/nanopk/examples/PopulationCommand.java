package org.nanopk.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.nanopk.Model;
import org.nanopk.io.CsvTable;
import org.nanopk.io.StudyJson;
import org.nanopk.population.Population;
import org.nanopk.population.Readout;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanopk population MODEL.json --n N}: a virtual population, percentile bands and readouts. */
@Command(name = "population", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Simulate a virtual population (lognormal variability of the parameters) in parallel and print "
        + "5/50/95 percentile bands over time and the statistics of the readouts (AUC, Cmax) of the tracked names.",
        "The same seed gives the same result on any number of threads."})
final class PopulationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelSource source;

    @Option(names = "--n", paramLabel = "N", required = true, description = "Number of subjects.")
    int n;

    static final class Variability {
        @Option(names = "--cv", paramLabel = "X", description = "The same CV for the parameters (see --parameters).")
        Double cv;

        @Option(names = "--omega", paramLabel = "FILE", description = "CSV of omegas: 'parameter,omega' rows (SD of "
            + "ln θ), or a covariance matrix with header 'parameter,P1,P2,...'.")
        Path omega;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Variability variability;

    @Option(names = "--parameters", paramLabel = "P1,P2", split = ",", description = "Parameters given --cv "
        + "(default: all numeric ones).")
    List<String> parameters;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default 1).")
    long seed;

    @Option(names = "--readout", paramLabel = "NAME", split = ",", description = "Compartments or outputs to "
        + "summarise (default: the outputs, or every compartment).")
    List<String> readouts;

    @Option(names = "--t-end", paramLabel = "H", description = "Last output time (default 24 h).")
    Double tEnd;

    @Option(names = "--times", paramLabel = "LIST", description = "Output times: list or start:step:end.")
    String times;

    @Option(names = "--threads", paramLabel = "T", description = "Threads (default: all cores).")
    Integer threads;

    @picocli.CommandLine.Mixin
    SolverOptions solverOptions;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the percentile bands as CSV.")
    Path out;

    @picocli.CommandLine.Mixin
    SparkOption spark;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Cli.refuseOverwrite("--out", out, source.input(),
            new Cli.Input("the omega file", variability.omega));
        Model model = source.load();
        Population pop = Population.of(model).withSeed(seed).withSolver(solverOptions.solver());
        if (variability.cv != null) {
            List<String> ps = parameters != null ? parameters : numericParameters(model);
            for (String p : ps) {
                pop = pop.withVariability(p, variability.cv);
            }
        } else {
            pop = readOmega(pop, variability.omega);
        }
        if (threads != null) {
            pop = pop.withThreads(threads);
        }
        double[] t = SimulateCommand.outputTimes(times, tEnd);
        List<String> names = readouts != null ? readouts : defaultNames(model);
        Population.Study study = pop.study(t).track(names.toArray(new String[0]));
        for (String name : names) {
            study = study.readout("AUC " + name, Readout.auc(name)).readout("Cmax " + name, Readout.max(name));
        }
        if (spark.saved(StudyJson.toJson(study), "population " + spark.saveSpec + " " + n, w,
            source.input(), new Cli.Input("the omega file", variability.omega))) {
            return 0;
        }
        Population.Summary summary = spark.on() ? SparkRuns.population(spark.master, study, n) : study.run(n);
        w.println(summary);
        if (out != null) {
            summary.writeCsv(out);
            w.println("wrote the percentile bands to " + out);
        }
        return 0;
    }

    static List<String> numericParameters(Model m) {
        List<String> ps = new ArrayList<>();
        m.parameterDefinitions().forEach((k, v) -> {
            try {
                if (Double.parseDouble(v) > 0) {
                    ps.add(k);
                }
            } catch (NumberFormatException derived) {
                // derived parameters follow the ones they are computed from
            }
        });
        return ps;
    }

    static List<String> defaultNames(Model m) {
        List<String> names = new ArrayList<>();
        m.outputs().forEach(o -> names.add(o.name()));
        return names.isEmpty() ? m.compartmentNames() : names;
    }

    /**
     * The variability of a CSV file: a header and 'parameter,omega' rows (ω, the SD of ln θ), or a
     * header 'parameter,P1,P2,…' and one row per parameter of the covariance matrix of η.
     */
    static Population readOmega(Population pop, Path file) {
        CsvTable t = CsvTable.read(file);
        if (t.size() == 0) {
            throw new IllegalArgumentException(file + ": no rows; expected 'parameter,omega' rows under a header");
        }
        int columns = t.header().size();
        if (columns < 2) {
            throw new IllegalArgumentException(file + ": one column " + t.header() + "; expected 'parameter,omega' or "
                + "a covariance matrix 'parameter,P1,P2,...'");
        }
        List<String> names = new ArrayList<>();
        double[][] rows = new double[t.size()][columns - 1];
        for (int r = 0; r < t.size(); r++) {
            names.add(t.cell(r, 0));
            for (int c = 1; c < columns; c++) {
                rows[r][c - 1] = t.number(r, c, Double.NaN);
                if (Double.isNaN(rows[r][c - 1])) {
                    throw new IllegalArgumentException(t.where(r) + ", column " + t.header().get(c) + ": empty; expected "
                        + "a number");
                }
            }
        }
        if (columns == 2) {
            for (int i = 0; i < names.size(); i++) {
                pop = pop.withOmega(names.get(i), rows[i][0]);
            }
            return pop;
        }
        return pop.withCovariance(names, rows);
    }

}
