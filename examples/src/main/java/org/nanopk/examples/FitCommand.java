package org.nanopk.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nanopk.Fit;
import org.nanopk.Model;
import org.nanopk.Observations;
import org.nanopk.fit.Fitter;
import org.nanopk.io.FitCsv;
import org.nanopk.io.FitJob;
import org.nanopk.io.ModelJson;
import org.nanopk.mechanism.Presets;
import org.nanopk.plot.Chart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanopk fit MODEL.json DATA.csv --estimate P1,P2}: fits parameters and prints the table. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fit model parameters to data by maximum likelihood and print estimates, SE, RSE, 95%% CI, "
        + "correlations, -2LL, AIC, BIC and what was compared with what.",
        "DATA.csv is tidy (time, compartment, value[, unit, sd, subject, lloq, dose]) or NONMEM-style (ID, TIME, "
            + "EVID, AMT, CMT, ..., DV, MDV); a file with EVID or AMT and DV columns is read as NONMEM-style.",
        "Several subjects: --by subject fits each, --subject ID one, --pool all with one set of parameters."})
final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "[MODEL.json] DATA.csv", arity = "1..2",
        description = "The model file (unless --preset) and the observations.")
    List<Path> files;

    @Option(names = "--preset", paramLabel = "NAME", description = "A preset model instead of MODEL.json (any case).")
    String preset;

    @Option(names = "--estimate", paramLabel = "P1,P2", split = ",", required = true,
        description = "Parameters to estimate (log scale).")
    List<String> estimate;

    @Option(names = "--error", paramLabel = "KIND", defaultValue = "proportional",
        description = "Error model: additive, proportional or combined (default ${DEFAULT-VALUE}); estimated.")
    String error;

    @Option(names = "--starts", paramLabel = "N", defaultValue = "1", description = "Number of starts (default 1).")
    int starts;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the random starts.")
    long seed;

    @Option(names = "--by", paramLabel = "subject", description = "'subject': fit every subject separately.")
    String by;

    @Option(names = "--subject", paramLabel = "ID", description = "Fit this subject only.")
    String subject;

    @Option(names = "--pool", description = "Fit all subjects with one set of parameters (each with its own doses).")
    boolean pool;

    @Option(names = "--map", paramLabel = "DATA=MODEL", split = ",",
        description = "Rename observed names, e.g. tumor=Tumor; only mapped names are fitted when given.")
    Map<String, String> map;

    @Option(names = "--observe", paramLabel = "NAME", description = "NONMEM-style data: the compartment or output "
        + "DV measures (default: the amount in CMT).")
    String observe;

    @Option(names = "--dv-unit", paramLabel = "UNIT", defaultValue = "", description = "NONMEM-style data: DV's unit "
        + "(default none: compared with the model's value as it is).")
    String dvUnit;

    @Option(names = "--amount-unit", paramLabel = "UNIT", description = "The model's amount unit (ng, µg, mg, g) "
        + "when data are amounts or concentrations.")
    String amountUnit;

    @Option(names = "--m3", description = "Use values below LLOQ through the M3 likelihood (default: leave them out).")
    boolean m3;

    @Option(names = "--profile", paramLabel = "P1,P2", split = ",", description = "Profile-likelihood CIs for these.")
    List<String> profile;

    @Option(names = "--out", paramLabel = "fit.json", description = "Write the fitted model as model JSON (one fit).")
    Path out;

    @Option(names = "--estimates", paramLabel = "FILE.csv", description = "Write subject,parameter,estimate,se,"
        + "ci_low,ci_high,minus2LL,SS,converged.")
    Path estimates;

    @Option(names = "--residuals", paramLabel = "FILE.csv", description = "Write the observed, predicted and "
        + "residual values.")
    Path residuals;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw observed points and the fitted curves "
        + "(PNG or SVG); with --by subject one file per subject, FILE-ID.png.")
    Path plot;

    @Option(names = "--log", description = "With --plot: a logarithmic y axis.")
    boolean log;

    @picocli.CommandLine.Mixin
    SparkOption spark;

    @Override
    public Integer call() {
        if (preset == null && files.size() != 2 || preset != null && files.size() != 1) {
            throw new IllegalArgumentException(preset == null ? "expected MODEL.json DATA.csv (or --preset NAME "
                + "DATA.csv); got " + files.size() + " file" + (files.size() == 1 ? "" : "s")
                : "with --preset " + preset + " expected only DATA.csv; got " + files);
        }
        Path modelFile = preset == null ? files.get(0) : null;
        Path dataFile = files.get(files.size() - 1);
        Cli.Input[] inputs = {new Cli.Input("the model file", modelFile), new Cli.Input("the data file", dataFile)};
        Cli.refuseOverwrite("--out", out, inputs);
        Cli.refuseOverwrite("--estimates", estimates, inputs);
        Cli.refuseOverwrite("--residuals", residuals, inputs);
        Cli.refuseOverwrite("--plot", plot, inputs);
        if (out != null && by != null) {
            throw new IllegalArgumentException("--out writes one fitted model; with --by subject use --estimates");
        }
        if (plot != null && !plot.getFileName().toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.(png|svg)")) {
            throw new IllegalArgumentException("--plot " + plot + ": expected a file name ending in .png or .svg");
        }
        if (log && plot == null) {
            throw new IllegalArgumentException("--log is for --plot FILE.png; give --plot too");
        }
        if (by != null && !by.equals("subject")) {
            throw new IllegalArgumentException("--by " + by + ": expected --by subject");
        }
        if ((by != null ? 1 : 0) + (subject != null ? 1 : 0) + (pool ? 1 : 0) > 1) {
            throw new IllegalArgumentException("--by subject, --subject and --pool exclude each other; expected one");
        }
        spark.requireShared(by != null, "the fits of --by subject; give --by subject too");
        Model model = preset != null ? Presets.byName(preset) : ModelJson.read(modelFile);
        FitJob job = job(model, dataFile);
        if (spark.saved(job.toJson(), "fit " + spark.saveSpec, spec.commandLine().getOut(), inputs)) {
            return 0;
        }
        Observations obs = job.observations();
        if (subject != null) {
            obs = obs.subject(subject);
        }
        Fitter f = job.fitter(obs);
        if (pool) {
            f = f.pooled();
        }
        Map<String, Fit> fits;
        if (by != null) {
            fits = spark.on() ? SparkRuns.bySubject(spark.master, job) : f.bySubject();
        } else {
            fits = new LinkedHashMap<>();
            fits.put(obs.subjects().size() == 1 ? obs.subjects().get(0) : "all", f.fit());
        }
        PrintWriter w = spec.commandLine().getOut();
        for (Map.Entry<String, Fit> e : fits.entrySet()) {
            if (fits.size() > 1) {
                w.println("subject " + e.getKey());
            }
            w.println(e.getValue());
            w.println();
        }
        if (fits.size() > 1) {
            w.println(FitCsv.estimatesTable(fits));
        }
        if (out != null) {
            ModelJson.write(fits.values().iterator().next().model(), out);
            w.println("wrote the fitted model to " + out);
        }
        if (estimates != null) {
            FitCsv.writeEstimates(fits, estimates);
            w.println("wrote the estimates to " + estimates);
        }
        if (residuals != null) {
            FitCsv.writeResiduals(fits, residuals);
            w.println("wrote the residuals to " + residuals);
        }
        if (plot != null) {
            for (Map.Entry<String, Fit> e : fits.entrySet()) {
                Path file = by == null ? plot : perSubject(plot, e.getKey());
                Cli.refuseOverwrite("--plot", file, inputs);
                Chart c = Chart.fit(e.getValue()).withTitle("Fit of " + model.name()
                    + (by == null ? "" : ", subject " + e.getKey()));
                (log ? c.withLogY() : c).save(file);
                w.println("wrote the chart to " + file);
            }
        }
        return 0;
    }

    /** FILE.png → FILE-ID.png: one chart per subject. */
    private static Path perSubject(Path file, String subjectId) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String safe = subjectId.replaceAll("[^A-Za-z0-9._-]", "_");
        return file.resolveSibling(name.substring(0, dot) + "-" + safe + name.substring(dot));
    }

    /** The fits this command asks for, as a job (the data read as NONMEM-style or tidy, by their columns). */
    private FitJob job(Model model, Path dataFile) {
        FitJob job = FitJob.of(model, dataFile, estimate);
        if ((observe != null || !dvUnit.isEmpty()) && !job.nonmemStyle()) {
            throw new IllegalArgumentException((observe != null ? "--observe" : "--dv-unit") + " is for NONMEM-style "
                + "data (ID, TIME, DV, ...); " + dataFile + " is tidy: its compartment and unit columns say what "
                + "each value measures");
        }
        job = job.withErrorModel(error).withStarts(starts, seed).withNonmem(observe, dvUnit);
        if (map != null) {
            job = job.withMap(map);
        }
        if (amountUnit != null) {
            job = job.withAmountUnit(amountUnit);
        }
        if (m3) {
            job = job.withM3();
        }
        if (profile != null) {
            job = job.withProfiles(profile);
        }
        return job;
    }
}
