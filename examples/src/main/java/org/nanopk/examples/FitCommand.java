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
import org.nanopk.fit.ErrorModel;
import org.nanopk.fit.Fitter;
import org.nanopk.io.CsvTable;
import org.nanopk.io.ModelJson;
import org.nanopk.io.NonmemData;
import org.nanopk.io.ObservationsCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanopk fit MODEL.json DATA.csv --estimate P1,P2}: fits parameters and prints the table. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fit model parameters to data by maximum likelihood and print estimates, SE, RSE, 95%% CI, "
        + "correlations, -2LL, AIC and BIC.",
        "DATA.csv is tidy (time, compartment, value[, unit, sd, subject, lloq]) or NONMEM-style (ID, TIME, EVID, AMT, "
            + "CMT, ..., DV, MDV); a file with EVID or AMT and DV columns is read as NONMEM-style."})
final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.json", description = "The model file.")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "DATA.csv", description = "The observations.")
    Path dataFile;

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

    @Option(names = "--map", paramLabel = "DATA=MODEL", split = ",",
        description = "Rename observed names, e.g. tumor=Tumor; only mapped names are fitted when given.")
    Map<String, String> map;

    @Option(names = "--amount-unit", paramLabel = "UNIT", description = "The model's amount unit (ng, µg, mg, g) "
        + "when data are amounts or concentrations.")
    String amountUnit;

    @Option(names = "--m3", description = "Use values below LLOQ through the M3 likelihood (default: leave them out).")
    boolean m3;

    @Option(names = "--profile", paramLabel = "P1,P2", split = ",", description = "Profile-likelihood CIs for these.")
    List<String> profile;

    @Option(names = "--out", paramLabel = "fit.json", description = "Write the fitted model as model JSON.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Cli.refuseOverwrite("--out", out, new Cli.Input("the model file", modelFile),
            new Cli.Input("the data file", dataFile));
        Model model = ModelJson.read(modelFile);
        Observations obs = read(model);
        Fitter f = Fitter.of(model, obs).estimate(estimate.toArray(new String[0]))
            .withErrorModel(ErrorModel.named(error)).withStarts(starts, seed);
        if (amountUnit != null) {
            f = f.withAmountUnit(amountUnit);
        }
        if (m3) {
            f = f.withM3();
        }
        if (profile != null) {
            f = f.withProfiles(profile.toArray(new String[0]));
        }
        Fit fit = f.fit();
        w.println(fit);
        if (out != null) {
            ModelJson.write(fit.model(), out);
            w.println("wrote the fitted model to " + out);
        }
        return 0;
    }

    private Observations read(Model model) {
        CsvTable table = CsvTable.read(dataFile);
        if ((table.column("EVID") >= 0 || table.column("AMT") >= 0) && table.column("DV") >= 0) {
            return NonmemData.of(table).observations(model);
        }
        return ObservationsCsv.read(table, map == null ? Map.of() : new LinkedHashMap<>(map));
    }
}
