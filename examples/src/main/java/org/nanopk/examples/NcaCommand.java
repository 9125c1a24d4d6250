package org.nanopk.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nanopk.NcaOptions;
import org.nanopk.NcaReport;
import org.nanopk.io.NcaCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanopk nca DATA.csv --route R --dose D}: non-compartmental analysis of measured data. */
@Command(name = "nca", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Non-compartmental analysis of measured concentration-time data, per subject, with Phoenix "
        + "WinNonlin's rules; with --sparse, the AUC of the mean profile of a design with one sample per animal "
        + "(Bailer's standard error).",
        "DATA.csv is tidy (subject,time,value[,unit][,compartment][,dose][,sd,n]) or NONMEM-style (ID,TIME,DV,"
        + "EVID,AMT). Parameters are CDISC PPTESTCD codes; --out writes subject,PPTESTCD,value."})
final class NcaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "The data file.")
    Path dataFile;

    @Option(names = "--route", paramLabel = "ROUTE", required = true,
        description = "extravascular, bolus or infusion (of the single dose at 0 h).")
    String route;

    @Option(names = "--duration", paramLabel = "H", description = "The infusion's duration (h); only with "
        + "--route infusion.")
    Double duration;

    @Option(names = "--dose", paramLabel = "AMOUNT", description = "The dose (in the unit CL and V are per); "
        + "without it, a dose or AMT column, or no CL and V.")
    Double dose;

    @Option(names = "--auc", paramLabel = "METHOD", defaultValue = "linuplogdown",
        description = "linear or linuplogdown (default).")
    String auc;

    @Option(names = "--compartment", paramLabel = "NAME", description = "The compartment to analyse, when the "
        + "file holds several.")
    String compartment;

    @Option(names = "--sparse", description = "One sample per animal: SPAUCLST, SPAUCSE, SPAUCDF of all animals "
        + "pooled by time (from mean, sd and n when the file holds summaries).")
    boolean sparse;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write subject,PPTESTCD,value as CSV.")
    Path out;

    @Override
    public Integer call() {
        Cli.refuseOverwrite("--out", out, new Cli.Input("the data file", dataFile));
        NcaOptions.Route r = NcaOptions.Route.of(route);
        if (duration != null && r != NcaOptions.Route.INFUSION) {
            throw new IllegalArgumentException("--duration " + duration + " given for --route " + r
                + "; expected --duration only with --route infusion");
        }
        if (r == NcaOptions.Route.INFUSION && duration == null) {
            throw new IllegalArgumentException("--route infusion needs --duration H, the infusion's length in h");
        }
        NcaOptions options = NcaOptions.of(r, duration == null ? Double.NaN : duration)
            .withAuc(NcaOptions.Auc.of(auc));
        if (dose != null) {
            options = options.withDose(dose);
        }
        NcaReport report = NcaCsv.read(dataFile, options, compartment, sparse);
        PrintWriter w = spec.commandLine().getOut();
        w.println((sparse ? "Sparse NCA" : "NCA") + " of " + dataFile + " (" + options + ")");
        w.println(report);
        if (out != null) {
            report.write(out);
            w.println("wrote " + out);
        }
        return 0;
    }
}
