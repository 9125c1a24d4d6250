package org.nanopk.examples;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.nanopk.Model;
import org.nanopk.Nca;
import org.nanopk.NcaOptions;
import org.nanopk.Simulation;
import org.nanopk.mechanism.Presets;
import org.nanopk.population.DoseSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nanopk demo}: the default example, no arguments needed. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "The default example: the NP9 nanoparticle model at 100 %%ID, "
    + "%%ID by tissue over 0-168 h, NCA of blood, delivery to the tumour, and the dose threshold of tumour delivery.")
final class DemoCommand implements Callable<Integer> {
    static final double[] TIMES = {0, 0.25, 0.5, 1, 2, 4, 8, 12, 24, 48, 72, 96, 120, 144, 168};

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Model np9 = Presets.np9();
        w.println("NanoPK demo: the NP9 nanoparticle model (100 %ID bolus into blood B at t = 0)");
        w.println();
        w.println("  B blood, Tumor = Ti+Tm+E+C (interstitium, macrophages, endosomes, cytosol),");
        w.println("  L liver and S spleen macrophages (saturable uptake), U urine, D degraded.");
        w.println();
        Simulation sim = np9.simulate(TIMES);
        w.println("%ID by tissue");
        w.println(sim.percentIdTable("B", "Tumor", "L", "S", "U", "D", "C"));
        w.println();
        // blood is cleared within a day: its NCA over 0-24 h, where B is still above the solver's noise
        Nca nca = np9.simulate(org.nanopk.Times.grid(0, 24, 24)).percentId("B").nca(NcaOptions.bolus().withDose(100));
        w.println("Blood (B, %ID) non-compartmental analysis over 0-24 h");
        w.println(nca);
        w.println();
        w.println(sim.deliveryEfficiency("Tumor", "B"));
        w.println();
        w.println("The dose threshold (Ouyang et al. 2020): tumour delivery rises once Kupffer cells saturate");
        DoseSweep.Result sweep = DoseSweep.of(Presets.ouyang2020(), "B")
            .withDoses(5e3 / 256, 5e3 / 64, 5e3 / 16, 5e3 / 4, 5e3)
            .percentIdAt("Tumor", 24).valueAt("KupfferSaturation", 24).percentIdAt("Liver", 24).percentIdAt("B", 24)
            .run();
        w.println("(doses in units of 1e10 particles)");
        w.println(sweep);
        w.println();
        double total = sim.total().value(sim.size() - 1);
        w.println(String.format(Locale.ROOT, "Mass balance at 168 h: %.9f %%ID in all compartments", total));
        w.println("Solver: " + sim.stats());
        return 0;
    }
}
