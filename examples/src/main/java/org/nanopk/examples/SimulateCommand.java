package org.nanopk.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.io.NonmemData;
import org.nanopk.solve.Solver;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nanopk simulate}: simulates a model file or a preset and prints or writes the result. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Simulate a model file or a preset with its own doses.",
        "Without --out, prints a table of amounts; with --out FILE.csv writes CSV columns time, each "
            + "compartment, each output (amounts); --out - writes the CSV to standard output."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelSource source;

    @Option(names = "--t-end", paramLabel = "H", description = "Last output time in h (default 24).")
    Double tEnd;

    @Option(names = "--times", paramLabel = "LIST",
        description = "Output times: a comma-separated list or start:step:end (h).")
    String times;

    @Option(names = "--data", paramLabel = "DATA.csv",
        description = "A NONMEM-style data file (ID, TIME, EVID, AMT, CMT, RATE, II, ADDL, SS, DV, MDV); each ID is "
            + "simulated separately and the output has one row per record (ID, TIME, EVID, then the amounts).")
    Path data;

    @picocli.CommandLine.Mixin
    SolverOptions solverOptions;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write CSV here ('-' for standard output).")
    String out;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Cli.refuseOverwrite("--out", out == null || "-".equals(out) ? null : Path.of(out),
            source.input(), new Cli.Input("the data file", data));
        Model model = source.load();
        Solver s = solverOptions.solver();
        if (data != null) {
            if (times != null || tEnd != null) {
                throw new IllegalArgumentException("--data gives the record times; --times and --t-end cannot be used "
                    + "with it");
            }
            return simulateData(w, model, s);
        }
        double[] t = outputTimes(times, tEnd);
        Simulation sim = model.simulate(model.regimen(), t, s);
        if (out == null) {
            w.println(sim);
        } else if ("-".equals(out)) {
            sim.toCsv(w);
        } else {
            sim.toCsv(Path.of(out));
            w.println("wrote " + sim.size() + " rows to " + out + " (" + sim.stats() + ")");
        }
        return 0;
    }

    private int simulateData(PrintWriter w, Model model, Solver s) {
        java.util.List<Simulation> sims = NonmemData.read(data).simulate(model, s);
        if (out == null) {
            for (Simulation sim : sims) {
                w.println("ID " + sim.id());
                w.println(sim);
                w.println();
            }
        } else if ("-".equals(out)) {
            w.print(NonmemData.toCsv(sims));
        } else {
            NonmemData.write(sims, Path.of(out));
            int rows = sims.stream().mapToInt(Simulation::size).sum();
            w.println("wrote " + rows + " rows for " + sims.size() + " subjects to " + out);
        }
        return 0;
    }

    static double[] outputTimes(String list, Double tEnd) {
        if (list != null) {
            if (tEnd != null) {
                throw new IllegalArgumentException("--times and --t-end both given; expected one of them");
            }
            return Times.parse(list);
        }
        double end = tEnd == null ? 24 : tEnd;
        if (!(end > 0 && end < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--t-end = " + end + ": expected a finite time > 0 h");
        }
        return Times.grid(0, end, Cli.niceStep(end / 100));
    }
}
