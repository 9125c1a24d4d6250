package org.nanopk.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nanopk.solve.Solver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanopk batch --preset NAME PARAMS.csv}: a preset once per row, tumour delivery per row. */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Simulate a preset once per row of a CSV file and report the tumour delivery efficiency "
        + "DE24, DE168 and DEmax (%%ID) of each row, beside the observed values when the file has them.",
        "For chou2023, rows are the authors' dataset file: its tumour parameters, BW in g, and a 0.005 h "
            + "infusion of Dose (mg/kg) x BW. For other presets, columns that name parameters set them."})
final class BatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", required = true, description = "The preset (see: nanopk presets).")
    String preset;

    @Parameters(index = "0", paramLabel = "PARAMS.csv", description = "One row per simulation.")
    Path csv;

    @Option(names = "--rtol", paramLabel = "X", description = "Relative tolerance (default 1e-8).")
    Double rtol;

    @Option(names = "--atol", paramLabel = "X", description = "Absolute tolerance, %%ID (default 1e-10).")
    Double atol;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write ID, DE24, DE168, DEmax (and observed) as CSV.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Cli.refuseOverwrite("--out", out, new Cli.Input("the parameter file", csv));
        Solver s = Solver.stiff();
        if (rtol != null || atol != null) {
            s = s.withTolerances(rtol != null ? rtol : s.relativeTolerance(), atol != null ? atol : s.absoluteTolerance());
        }
        Batch.Result r = Batch.run(preset, csv, s);
        w.println(r);
        if (out != null) {
            r.write(out);
            w.println("wrote " + r.rows().size() + " rows to " + out);
        }
        return 0;
    }
}
